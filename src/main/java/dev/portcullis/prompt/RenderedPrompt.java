package dev.portcullis.prompt;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A prompt turned into an ordinary inference request, as if the client had sent it.
 *
 * @param body the request body: {@code model} (the address), {@code messages} or {@code prompt}, then parameters
 * @param endpoint where it goes, after {@code /v1}: {@code /chat/completions}, or {@code /completions} for a text
 *     prompt
 * @param source the prompt version it was rendered from and the label that chose it
 */
public record RenderedPrompt(ObjectNode body, String endpoint, ResolvedPrompt source) {}
