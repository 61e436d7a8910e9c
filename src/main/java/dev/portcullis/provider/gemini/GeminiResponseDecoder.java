package dev.portcullis.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.model.Choice;
import dev.portcullis.model.ContentPart;
import dev.portcullis.model.FinishReason;
import dev.portcullis.model.Message;
import dev.portcullis.model.Role;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code GenerateContentResponse} as an OpenAI completion: each candidate a choice (answer text as content,
 * thoughts as {@code reasoning_content}, function calls as tool calls), {@code usageMetadata} as usage.
 *
 * <p>A prompt Gemini blocks ({@code promptFeedback.blockReason}, no candidates) comes back as one choice with
 * {@code finish_reason: content_filter}, no content and a refusal naming the block reason: a 200, as OpenAI answers
 * content it filters, so clients handle it the same way.
 */
final class GeminiResponseDecoder {

  private GeminiResponseDecoder() {}

  /**
   * @throws dev.portcullis.error.GatewayException.UpstreamError (502) when the body is not a response
   */
  static ChatResponse decode(Buffer body, String requestedModel, String providerId, Clock clock) {
    JsonNode answer = GeminiJson.readObject(body, providerId, "generateContent response");
    GeminiAnswerIdentity identity = GeminiAnswerIdentity.read(answer, requestedModel, clock);
    List<Choice> choices = new ArrayList<>();
    String blocked = blockedPrompt(answer);
    JsonNode candidates = answer.path("candidates");
    if (blocked != null && candidates.isEmpty()) {
      choices.add(new Choice(0, refusal(blocked), FinishReason.CONTENT_FILTER, null));
    } else {
      int[] calls = {0};
      for (int i = 0; i < candidates.size(); i++) {
        JsonNode candidate = candidates.get(i);
        GeminiParts parts = GeminiParts.read(candidate, () -> calls[0]++, providerId);
        FinishReason reason =
            GeminiFinishReasons.of(candidate.path("finishReason").textValue(), !parts.calls().isEmpty());
        choices.add(new Choice(candidate.path("index").asInt(i), message(parts), reason, null));
      }
    }
    return new ChatResponse(identity.id(), identity.model(), identity.created(), choices,
        GeminiUsageReader.read(answer.get("usageMetadata")), null, null, Map.of());
  }

  /** The refusal text for a blocked prompt, or null when the prompt was not blocked. */
  static String blockedPrompt(JsonNode answer) {
    String reason = answer.path("promptFeedback").path("blockReason").textValue();
    if (reason == null || reason.isEmpty()) {
      return null;
    }
    String message = answer.path("promptFeedback").path("blockReasonMessage").textValue();
    return "Gemini blocked the prompt (blockReason: " + reason + ")" + (message == null ? "" : ": " + message);
  }

  static Message refusal(String text) {
    return new Message(Role.ASSISTANT, List.of(), Message.ContentForm.PARTS, null, List.of(), null, null, text,
        Map.of());
  }

  private static Message message(GeminiParts parts) {
    List<ContentPart> content = parts.text() == null ? List.of() : List.of(new ContentPart.Text(parts.text()));
    return new Message(Role.ASSISTANT, content,
        parts.text() == null ? Message.ContentForm.PARTS : Message.ContentForm.STRING, null, parts.calls(), null,
        parts.thoughts(), null, Map.of());
  }
}
