package dev.portcullis.mock;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Writes AWS event-stream messages ({@code application/vnd.amazon.eventstream}), the binary framing of Bedrock's
 * streams: total length, headers length and their CRC32, string headers, the payload, and a CRC32 of all of it.
 * The mock upstream streams Converse answers with it, and provider tests build their stream fixtures with it.
 */
public final class EventStreamWriter {

  private static final byte STRING = 7;

  private EventStreamWriter() {}

  /** An {@code event} message of type {@code eventType} with a JSON payload. */
  public static Buffer event(String eventType, String json) {
    return typed(":event-type", eventType, "event", json);
  }

  /** An {@code exception} message naming the exception, with its JSON payload ({@code {"message": ...}}). */
  public static Buffer exception(String exceptionType, String json) {
    return typed(":exception-type", exceptionType, "exception", json);
  }

  private static Buffer typed(String typeHeader, String type, String messageType, String json) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(typeHeader, type);
    headers.put(":content-type", "application/json");
    headers.put(":message-type", messageType);
    return message(headers, json.getBytes(StandardCharsets.UTF_8));
  }

  /** One message with the given string headers, in order, and payload. */
  public static Buffer message(Map<String, String> headers, byte[] payload) {
    Buffer encodedHeaders = Buffer.buffer();
    headers.forEach((name, value) -> {
      byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
      byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
      if (nameBytes.length > 255 || valueBytes.length > 0xffff) {
        throw new IllegalArgumentException("event-stream header too long: " + name);
      }
      encodedHeaders.appendByte((byte) nameBytes.length).appendBytes(nameBytes).appendByte(STRING)
          .appendShort((short) valueBytes.length).appendBytes(valueBytes);
    });
    int total = 12 + encodedHeaders.length() + payload.length + 4;
    Buffer message = Buffer.buffer(total).appendInt(total).appendInt(encodedHeaders.length());
    message.appendInt(crc(message.getBytes()));
    message.appendBuffer(encodedHeaders).appendBytes(payload);
    return message.appendInt(crc(message.getBytes()));
  }

  private static int crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return (int) crc.getValue();
  }
}
