package dev.portcullis.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.model.Usage;
import java.util.Map;
import java.util.Set;

/**
 * What a {@code chat.completion} and each {@code chat.completion.chunk} carry around their choices: identity,
 * usage, serving details, and the fields the model does not know.
 */
record OpenAiEnvelope(
    String id,
    String model,
    long created,
    Usage usage,
    String systemFingerprint,
    String serviceTier,
    Map<String, JsonNode> extra) {

  private static final Set<String> KNOWN_FIELDS =
      Set.of("id", "object", "created", "model", "choices", "usage", "system_fingerprint", "service_tier");

  static OpenAiEnvelope read(FieldReader document) {
    return new OpenAiEnvelope(
        document.requiredString("id"),
        document.requiredString("model"),
        document.requiredLongInteger("created"),
        OpenAiUsageReader.read(document.objectNode("usage")),
        document.string("system_fingerprint"),
        document.string("service_tier"),
        document.unknownFields(KNOWN_FIELDS));
  }
}
