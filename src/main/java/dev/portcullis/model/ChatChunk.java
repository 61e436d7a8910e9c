package dev.portcullis.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One unit of a streamed chat completion. Every chunk of a stream repeats the same id, model and created time.
 *
 * @param id the completion id
 * @param model the model that answers
 * @param created when the completion was created, in epoch seconds
 * @param choices the choices this chunk advances; empty in the final usage chunk
 * @param usage token counts of the whole call, on the final usage chunk only; null otherwise
 * @param systemFingerprint the provider's backend configuration id, or null
 * @param serviceTier the tier that serves the call, or null
 * @param extra top-level fields the model does not know, kept as received
 */
public record ChatChunk(
    String id,
    String model,
    long created,
    List<ChunkChoice> choices,
    Usage usage,
    String systemFingerprint,
    String serviceTier,
    Map<String, JsonNode> extra) {

  public ChatChunk {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(model, "model");
    choices = List.copyOf(choices);
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }
}
