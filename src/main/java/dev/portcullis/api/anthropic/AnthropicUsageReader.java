package dev.portcullis.api.anthropic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.portcullis.model.Usage;
import java.io.IOException;

/**
 * Pulls the top-level {@code usage} out of an Anthropic document by reading tokens, for calls that pass through to
 * Anthropic untouched. Anthropic counts prompt-cache reads and writes apart from {@code input_tokens}; in OpenAI's
 * terms they are part of the prompt. A stream reports usage in pieces ({@code message_start} the input,
 * {@code message_delta} the output), so a count Anthropic did not report is left unknown (null), never 0, and
 * the total is left to whoever adds the pieces up. Never throws: input it cannot read has no usage.
 */
public final class AnthropicUsageReader {

  private static final JsonFactory JSON = new JsonFactory();

  private AnthropicUsageReader() {}

  /** The usage in {@code json} (a document with a top-level {@code usage} object), or null when it has none. */
  public static Usage read(byte[] json) {
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("usage".equals(field)) {
          return value == JsonToken.START_OBJECT ? readUsage(parser) : null;
        }
        parser.skipChildren();
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  private static Usage readUsage(JsonParser parser) throws IOException {
    Integer input = null;
    Integer cacheCreation = null;
    Integer cacheRead = null;
    Integer output = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      Integer count = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : null;
      switch (field) {
        case "input_tokens" -> input = count;
        case "cache_creation_input_tokens" -> cacheCreation = count;
        case "cache_read_input_tokens" -> cacheRead = count;
        case "output_tokens" -> output = count;
        default -> parser.skipChildren();
      }
    }
    Integer prompt = input == null ? null
        : input + (cacheCreation == null ? 0 : cacheCreation) + (cacheRead == null ? 0 : cacheRead);
    return new Usage(prompt, output, null, cacheRead, cacheCreation, null, null, null, null, null);
  }
}
