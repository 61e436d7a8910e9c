package dev.portcullis.prompt;

import java.time.Instant;

/**
 * One immutable version of a prompt of the library.
 *
 * @param id the prompt's id ({@code pp-...}), the same for all its versions
 * @param slug its name in URLs and partials, unique in its workspace, the same for all its versions
 * @param version 1 for the first, one more for each change
 */
public record Prompt(String id, String workspaceId, String slug, String name, int version, PromptDefinition definition,
    Instant createdAt) {}
