package dev.portcullis.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.model.Usage;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Pulls the top-level {@code usage} out of a chat completion body or one stream chunk payload by reading tokens:
 * no tree is built, everything else is skipped unread, and reading stops as soon as usage is found. Meant for
 * every response the gateway relays, so it never throws: input it cannot read has no usage.
 */
public final class OpenAiUsageReader {

  private OpenAiUsageReader() {}

  /** The usage in {@code json}, or null when it has none (absent, null, or the input is not a JSON object). */
  public static Usage read(byte[] json) {
    try (JsonParser parser = OpenAiJson.parser(json)) {
      return readTopLevel(parser);
    } catch (IOException e) {
      return null;
    }
  }

  /** The usage in {@code json}, read in place; null when it has none. */
  public static Usage read(Buffer json) {
    try (JsonParser parser = OpenAiJson.parser(json)) {
      return readTopLevel(parser);
    } catch (IOException e) {
      return null;
    }
  }

  /** The usage in an already decoded tree, read by the same code that reads it from bytes; null for null. */
  static Usage read(ObjectNode usage) {
    if (usage == null) {
      return null;
    }
    try (JsonParser parser = OpenAiJson.parser(usage)) {
      parser.nextToken();
      return readUsage(parser);
    } catch (IOException e) {
      throw new UncheckedIOException("walking a JSON tree in memory failed", e);
    }
  }

  private static Usage readTopLevel(JsonParser parser) throws IOException {
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
  }

  /**
   * Reads a usage object whose START_OBJECT is the current token, including the prompt and completion token
   * details. Counts that are not integers are left unknown.
   */
  static Usage readUsage(JsonParser parser) throws IOException {
    Counts counts = new Counts();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "prompt_tokens" -> counts.prompt = count(parser, value);
        case "completion_tokens" -> counts.completion = count(parser, value);
        case "total_tokens" -> counts.total = count(parser, value);
        case "prompt_tokens_details" -> readDetails(parser, value, counts, true);
        case "completion_tokens_details" -> readDetails(parser, value, counts, false);
        default -> parser.skipChildren();
      }
    }
    return new Usage(
        counts.prompt, counts.completion, counts.total, counts.cached, null, counts.reasoning, counts.promptAudio,
        counts.completionAudio, counts.accepted, counts.rejected);
  }

  private static void readDetails(JsonParser parser, JsonToken value, Counts counts, boolean prompt)
      throws IOException {
    if (value != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken count = parser.nextToken();
      switch (field) {
        case "cached_tokens" -> counts.cached = count(parser, count);
        case "reasoning_tokens" -> counts.reasoning = count(parser, count);
        case "accepted_prediction_tokens" -> counts.accepted = count(parser, count);
        case "rejected_prediction_tokens" -> counts.rejected = count(parser, count);
        case "audio_tokens" -> {
          if (prompt) {
            counts.promptAudio = count(parser, count);
          } else {
            counts.completionAudio = count(parser, count);
          }
        }
        default -> parser.skipChildren();
      }
    }
  }

  private static Integer count(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
      return parser.getIntValue();
    }
    parser.skipChildren();
    return null;
  }

  /** The counts found so far in one usage object. */
  private static final class Counts {
    Integer prompt;
    Integer completion;
    Integer total;
    Integer cached;
    Integer reasoning;
    Integer promptAudio;
    Integer completionAudio;
    Integer accepted;
    Integer rejected;
  }
}
