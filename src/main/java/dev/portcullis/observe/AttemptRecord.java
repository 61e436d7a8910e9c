package dev.portcullis.observe;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * One provider attempt of a request, as the log keeps it: where it went and how it ended.
 *
 * @param option the config option it ran under ({@code config.targets[1]}), or null for a call without a config
 * @param provider provider id
 * @param model model as sent to the provider, or null
 * @param virtualKey slug of the virtual key used, or null
 * @param status the provider's HTTP status, or 0 when no answer came (connection error, timeout, cancelled)
 * @param errorType the error type when the attempt failed, else null
 * @param latencyMs time from sending the attempt to its answer's head (or its failure)
 */
public record AttemptRecord(String option, String provider, String model, String virtualKey, int status,
    String errorType, long latencyMs) {

  /** Writes this attempt as the JSON object the log stores and the admin API shows. */
  public void writeTo(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("option", option);
    json.writeStringField("provider", provider);
    json.writeStringField("model", model);
    json.writeStringField("virtual_key", virtualKey);
    json.writeNumberField("status", status);
    json.writeStringField("error_type", errorType);
    json.writeNumberField("latency_ms", latencyMs);
    json.writeEndObject();
  }
}
