package dev.portcullis.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A complete (non-streamed) chat completion.
 *
 * @param id the completion id
 * @param model the model that answered, as the provider names it
 * @param created when it was created, in epoch seconds
 * @param choices the answers
 * @param usage token counts, or null when the provider reported none
 * @param systemFingerprint the provider's backend configuration id, or null
 * @param serviceTier the tier that served the call, or null
 * @param extra top-level fields the model does not know (e.g. a compatible provider's citations), kept as received
 */
public record ChatResponse(
    String id,
    String model,
    long created,
    List<Choice> choices,
    Usage usage,
    String systemFingerprint,
    String serviceTier,
    Map<String, JsonNode> extra) {

  public ChatResponse {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(model, "model");
    choices = List.copyOf(choices);
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }
}
