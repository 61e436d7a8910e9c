package dev.portcullis.api.anthropic;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The dialect's JSON plumbing: generators that write straight into the answer's buffer (no intermediate byte array),
 * and reading a tool call's argument text back into a tree.
 */
final class AnthropicJson {

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private AnthropicJson() {}

  /** Writes one or more JSON documents (with raw text between them) through one generator. */
  interface Writing {
    void writeTo(JsonGenerator generator) throws IOException;
  }

  /** The bytes {@code writing} produces; root values are not separated, so callers place their own framing. */
  static Buffer write(int sizeHint, Writing writing) {
    ByteBuf bytes = Unpooled.buffer(sizeHint);
    try (JsonGenerator generator = MAPPER.createGenerator((OutputStream) new ByteBufOutputStream(bytes))) {
      generator.setRootValueSeparator(null);
      writing.writeTo(generator);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return BufferInternal.buffer(bytes);
  }

  /** The JSON object {@code text} holds, or null when it is not exactly one JSON object. */
  static JsonNode objectOrNull(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try (JsonParser parser = MAPPER.createParser(text)) {
      JsonNode tree = MAPPER.readTree(parser);
      return tree != null && tree.isObject() && parser.nextToken() == null ? tree : null;
    } catch (IOException e) {
      return null;
    }
  }
}
