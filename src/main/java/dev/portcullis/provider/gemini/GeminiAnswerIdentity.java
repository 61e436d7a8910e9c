package dev.portcullis.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * The id, model and creation time an answer goes out with: Gemini's {@code responseId} and {@code modelVersion},
 * and Vertex AI's {@code createTime}; what Gemini leaves out is made up (a {@code chatcmpl-} id, the requested
 * model, the clock's time).
 */
record GeminiAnswerIdentity(String id, String model, long created) {

  static GeminiAnswerIdentity read(JsonNode answer, String requestedModel, Clock clock) {
    String id = answer.path("responseId").textValue();
    String model = answer.path("modelVersion").textValue();
    return new GeminiAnswerIdentity(
        id == null || id.isEmpty() ? "chatcmpl-" + UUID.randomUUID().toString().replace("-", "") : id,
        model == null || model.isEmpty() ? requestedModel : model,
        created(answer.path("createTime").textValue(), clock));
  }

  private static long created(String createTime, Clock clock) {
    if (createTime != null) {
      try {
        return Instant.parse(createTime).getEpochSecond();
      } catch (DateTimeParseException notATime) {
        return clock.instant().getEpochSecond();
      }
    }
    return clock.instant().getEpochSecond();
  }
}
