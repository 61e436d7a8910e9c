package dev.portcullis.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.portcullis.error.GatewayException;
import dev.portcullis.error.JsonSyntaxMessage;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * Reads the few top-level fields the gateway acts on ({@code model}, {@code stream}, whether there are
 * {@code stream_options}) from a JSON body with the streaming parser, skipping everything else, and proves the whole
 * body is well-formed JSON on the way.
 */
public final class JsonBodyInspector {

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

  private JsonBodyInspector() {}

  public static InboundBody inspect(Buffer body) {
    if (body.length() == 0) {
      throw GatewayException.badRequest("request body is empty (expected: a JSON object)");
    }
    byte[] bytes = body.getBytes();
    String model = null;
    int modelStart = -1;
    int modelEnd = -1;
    boolean stream = false;
    boolean streamSeen = false;
    boolean streamOptions = false;
    try (JsonParser p = FACTORY.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw GatewayException.badRequest("request body is " + describe(p.currentToken())
            + " (expected: a JSON object)");
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "model" -> {
            if (model != null) {
              throw duplicate("model", p);
            }
            if (value != JsonToken.VALUE_STRING) {
              throw GatewayException.badRequest("model: " + describe(value) + " (expected: a string)", "model");
            }
            model = p.getText();
            modelStart = (int) p.currentTokenLocation().getByteOffset() + 1;
            modelEnd = closingQuote(bytes, modelStart);
          }
          case "stream" -> {
            if (streamSeen) {
              throw duplicate("stream", p);
            }
            streamSeen = true;
            if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE && value != JsonToken.VALUE_NULL) {
              throw GatewayException.badRequest("stream: " + describe(value) + " (expected: true or false)", "stream");
            }
            stream = value == JsonToken.VALUE_TRUE;
          }
          case "stream_options" -> {
            streamOptions = true;
            p.skipChildren();
          }
          default -> p.skipChildren();
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw GatewayException.badRequest("request body is not valid JSON: content after the top-level object "
            + "(expected: one JSON object)");
      }
    } catch (JsonProcessingException e) {
      throw GatewayException.badRequest("request body is not valid JSON: " + JsonSyntaxMessage.describe(e));
    } catch (IOException e) {
      throw GatewayException.badRequest("request body could not be read as JSON (expected: a UTF-8 JSON object)");
    }
    if (model != null && model.isBlank()) {
      throw GatewayException.badRequest("model: '' (expected: a model id such as 'openai/gpt-4o-mini')", "model");
    }
    return new InboundBody(body, model, modelStart, modelEnd, true, stream, streamOptions);
  }

  /**
   * A second {@code model} or {@code stream}: the gateway and the provider could each read a different one, so
   * neither is taken.
   */
  private static GatewayException duplicate(String field, JsonParser p) {
    return GatewayException.badRequest(field + ": given twice, again at line " + p.currentTokenLocation().getLineNr()
        + ", column " + p.currentTokenLocation().getColumnNr() + " (expected: one '" + field + "' field)", field);
  }

  private static int closingQuote(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '\\') {
        i++;
      } else if (bytes[i] == '"') {
        return i;
      }
    }
    throw GatewayException.badRequest("request body is not valid JSON: unterminated model string");
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.asString();
    };
  }
}
