package dev.portcullis.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/** The dialect's JSON plumbing: one shared mapper, reading bodies without copying them, writing through generators. */
final class OpenAiJson {

  /**
   * Strings may be as long as the body allows: an inline image or PDF is one base64 string, often beyond
   * Jackson's default cap of 20M characters. The body size limit is enforced before decoding.
   */
  private static final ObjectMapper MAPPER = JsonMapper.builder(
          JsonFactory.builder()
              .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
              .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /** How Jackson cites a position inside its messages; rewritten to the plain "line L column C" we use. */
  private static final Pattern SOURCE_LOCATION = Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)]");

  private OpenAiJson() {}

  /** Writes one JSON document. */
  interface Document {
    void writeTo(FieldWriter writer) throws IOException;
  }

  static JsonParser parser(byte[] json) throws IOException {
    return MAPPER.createParser(json);
  }

  /** A parser over the buffer's bytes in place: no copy for heap buffers, a stream view for direct ones. */
  static JsonParser parser(Buffer json) throws IOException {
    if (json instanceof BufferInternal internal) {
      ByteBuf bytes = internal.getByteBuf();
      if (bytes.hasArray()) {
        return MAPPER.createParser(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
      }
      return MAPPER.createParser((InputStream) new ByteBufInputStream(bytes));
    }
    return MAPPER.createParser(json.getBytes());
  }

  /** A parser that walks a tree already read, for code that reads tokens. */
  static JsonParser parser(JsonNode json) {
    return json.traverse(MAPPER);
  }

  static ObjectNode readObject(byte[] json, DecodeFailure failure) {
    try (JsonParser parser = parser(json)) {
      return readObject(parser, failure);
    } catch (IOException e) {
      throw notJson(e, failure);
    }
  }

  static ObjectNode readObject(Buffer json, DecodeFailure failure) {
    try (JsonParser parser = parser(json)) {
      return readObject(parser, failure);
    } catch (IOException e) {
      throw notJson(e, failure);
    }
  }

  private static ObjectNode readObject(JsonParser parser, DecodeFailure failure) throws IOException {
    JsonNode document = MAPPER.readTree(parser);
    if (document == null || document.isMissingNode()) {
      throw failure.at(null, failure.subject() + " is empty (expected: a JSON object)");
    }
    if (!document.isObject()) {
      throw failure.at(null, failure.subject() + ": " + FieldReader.render(document) + " (expected: a JSON object)");
    }
    return (ObjectNode) document;
  }

  private static RuntimeException notJson(IOException e, DecodeFailure failure) {
    String reason = e instanceof MismatchedInputException
        ? "more content after the JSON value"
        : e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
    reason = SOURCE_LOCATION.matcher(reason).replaceAll("line $1 column $2");
    JsonLocation location = e instanceof JsonProcessingException json ? json.getLocation() : null;
    String where = location == null ? "" : " at line " + location.getLineNr() + " column " + location.getColumnNr();
    return failure.at(null, failure.subject() + " is not valid JSON: " + reason + where);
  }

  static byte[] write(Document document) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    write(out, document);
    return out.toByteArray();
  }

  /** Writes one JSON document to {@code out}, after whatever it already holds. */
  static void write(ByteArrayOutputStream out, Document document) {
    try (JsonGenerator generator = MAPPER.createGenerator(out)) {
      document.writeTo(new FieldWriter(generator));
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
  }
}
