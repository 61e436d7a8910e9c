package dev.portcullis.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.model.Usage;

/**
 * Reads Cohere's {@code usage} ({@code {"billed_units":{...},"tokens":{...},"cached_tokens":n}}): the token counts
 * the model processed ({@code tokens}, which include the prompt template and the cached tokens, as OpenAI's
 * {@code prompt_tokens} do), or the billed units when Cohere reports only those.
 */
final class CohereUsageReader {

  private CohereUsageReader() {}

  /** The usage, or null when the node is absent or holds no counts. */
  static Usage read(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return null;
    }
    JsonNode counts = usage.path("tokens").isObject() ? usage.get("tokens") : usage.get("billed_units");
    Integer input = CohereJson.integer(counts, "input_tokens");
    Integer output = CohereJson.integer(counts, "output_tokens");
    Integer cached = CohereJson.integer(usage, "cached_tokens");
    if (input == null && output == null) {
      return null;
    }
    Integer total = input != null && output != null ? input + output : null;
    return new Usage(input, output, total, cached, null, null, null, null, null, null);
  }
}
