package dev.portcullis.mock;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The few request fields that change the mock's answer, read with a streaming parser that skips everything else
 * (messages included).
 *
 * @param model {@code model}, echoed in the answer
 * @param stream {@code stream}
 * @param includeUsage {@code stream_options.include_usage}
 * @param toolName the first tool's {@code function.name} (Anthropic: {@code name}), or null when the request offers
 *     no tools
 * @param n {@code n}: how many choices or images
 * @param inputs {@code input} items of an embeddings request (token arrays as their numbers joined by commas)
 * @param encodingFormat {@code encoding_format} of an embeddings request, or null
 * @param responseFormat {@code response_format} when it is a string (images: {@code url} or {@code b64_json}), or null
 */
record RequestFields(
    String model,
    boolean stream,
    boolean includeUsage,
    String toolName,
    int n,
    List<String> inputs,
    String encodingFormat,
    String responseFormat) {

  private static final JsonFactory JSON = new JsonFactory();

  /**
   * Reads the fields from a JSON object body.
   *
   * @throws InvalidRequestException when the body is not a JSON object, or a read field has the wrong type
   */
  static RequestFields parse(Buffer body) {
    try (JsonParser parser = JSON.createParser(body.getBytes())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidRequestException(null, "body: expected a JSON object");
      }
      String model = null;
      boolean stream = false;
      boolean includeUsage = false;
      String toolName = null;
      int n = 1;
      List<String> inputs = List.of();
      String encodingFormat = null;
      String responseFormat = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "model" -> model = text(parser, field);
          case "stream" -> stream = value == JsonToken.VALUE_TRUE;
          case "stream_options" -> includeUsage = includeUsage(parser);
          case "tools" -> toolName = firstToolName(parser);
          case "n" -> n = count(parser, field);
          case "input" -> inputs = inputs(parser);
          case "encoding_format" -> encodingFormat = text(parser, field);
          case "response_format" -> responseFormat = value == JsonToken.VALUE_STRING ? parser.getText() : skip(parser);
          default -> parser.skipChildren();
        }
      }
      return new RequestFields(model, stream, includeUsage, toolName, n, inputs, encodingFormat, responseFormat);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException(null, "body: not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(JsonParser parser, String field) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      throw new InvalidRequestException(field, field + ": expected a string");
    }
    return parser.getText();
  }

  private static String skip(JsonParser parser) throws IOException {
    parser.skipChildren();
    return null;
  }

  private static int count(JsonParser parser, String field) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return 1;
    }
    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT || parser.getIntValue() < 1 || parser.getIntValue() > 128) {
      throw new InvalidRequestException(field, field + ": expected an integer 1..128");
    }
    return parser.getIntValue();
  }

  private static boolean includeUsage(JsonParser parser) throws IOException {
    boolean include = false;
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return false;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("include_usage")) {
        include = value == JsonToken.VALUE_TRUE;
      } else {
        parser.skipChildren();
      }
    }
    return include;
  }

  /** tools: [{"type":"function","function":{"name":...}}, ...] or Anthropic's [{"name":...}, ...] */
  private static String firstToolName(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return null;
    }
    String name = null;
    boolean first = true;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (first && parser.currentToken() == JsonToken.START_OBJECT) {
        name = functionName(parser);
      } else {
        parser.skipChildren();
      }
      first = false;
    }
    return name == null && !first ? "tool" : name;
  }

  /** OpenAI's {@code function.name}, else Anthropic's top-level {@code name}. */
  private static String functionName(JsonParser parser) throws IOException {
    String name = null;
    String topLevel = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      if (field.equals("name") && parser.currentToken() == JsonToken.VALUE_STRING) {
        topLevel = parser.getText();
      } else if (field.equals("function") && parser.currentToken() == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String inner = parser.currentName();
          parser.nextToken();
          if (inner.equals("name") && parser.currentToken() == JsonToken.VALUE_STRING) {
            name = parser.getText();
          } else {
            parser.skipChildren();
          }
        }
      } else {
        parser.skipChildren();
      }
    }
    return name != null ? name : topLevel;
  }

  /** input: "text" | ["text", ...] | [1, 2, 3] | [[1, 2], [3]] */
  private static List<String> inputs(JsonParser parser) throws IOException {
    switch (parser.currentToken()) {
      case VALUE_STRING -> {
        return List.of(parser.getText());
      }
      case START_ARRAY -> {
        List<String> items = new ArrayList<>();
        StringBuilder tokens = new StringBuilder();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          switch (parser.currentToken()) {
            case VALUE_STRING -> items.add(parser.getText());
            case VALUE_NUMBER_INT -> tokens.append(tokens.isEmpty() ? "" : ",").append(parser.getText());
            case START_ARRAY -> items.add(tokenList(parser));
            default -> throw new InvalidRequestException("input", "input: expected strings or token arrays");
          }
        }
        if (!tokens.isEmpty()) {
          items.add(tokens.toString());
        }
        return List.copyOf(items);
      }
      default -> throw new InvalidRequestException("input", "input: expected a string or an array");
    }
  }

  private static String tokenList(JsonParser parser) throws IOException {
    StringBuilder tokens = new StringBuilder();
    while (parser.nextToken() == JsonToken.VALUE_NUMBER_INT) {
      tokens.append(tokens.isEmpty() ? "" : ",").append(parser.getText());
    }
    if (parser.currentToken() != JsonToken.END_ARRAY) {
      throw new InvalidRequestException("input", "input: token arrays hold integers only");
    }
    return tokens.toString();
  }
}
