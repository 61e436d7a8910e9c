package dev.portcullis.provider.bedrock;

import dev.portcullis.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Splits an AWS event stream ({@code application/vnd.amazon.eventstream}) into messages as its bytes arrive, however
 * they are cut. Each message is a 12-byte prelude (total length, headers length, CRC32 of those 8 bytes), the
 * headers, the payload and a CRC32 of everything before it; both checksums are verified. Headers are
 * {@code [name length][name][type][value]}: string values (type 7) are kept, the other types are skipped by their
 * documented sizes.
 */
final class EventStreamReader {

  /** The largest message accepted, 16 MiB: the event-stream limit AWS documents. */
  static final int MAX_MESSAGE = 16 << 20;

  private static final int PRELUDE = 12;
  private static final int OVERHEAD = PRELUDE + 4;
  private static final int STRING = 7;
  /** Value sizes of the fixed-size header types 0..9; -1 for the length-prefixed ones (6 bytes, 7 string). */
  private static final int[] FIXED_SIZES = {0, 0, 1, 2, 4, 8, -1, -1, 8, 16};

  private byte[] buffer = new byte[1024];
  private int start;
  private int end;
  private boolean preludeChecked;

  /**
   * Feeds bytes; returns the messages they complete, in order.
   *
   * @throws GatewayException.UpstreamError (502) naming the check a message failed
   */
  List<EventStreamMessage> feed(Buffer bytes) {
    append(bytes);
    List<EventStreamMessage> messages = null;
    EventStreamMessage message;
    while ((message = next()) != null) {
      if (messages == null) {
        messages = new ArrayList<>(2);
      }
      messages.add(message);
    }
    return messages == null ? List.of() : messages;
  }

  /** Whether bytes of an unfinished message are still held. */
  boolean hasPartialMessage() {
    return end > start;
  }

  private void append(Buffer bytes) {
    int length = bytes.length();
    if (end + length > buffer.length) {
      int held = end - start;
      if (held + length > buffer.length) {
        buffer = Arrays.copyOfRange(buffer, start, start + Math.max(buffer.length * 2, held + length));
      } else {
        System.arraycopy(buffer, start, buffer, 0, held);
      }
      start = 0;
      end = held;
    }
    bytes.getBytes(0, length, buffer, end);
    end += length;
  }

  private EventStreamMessage next() {
    int available = end - start;
    if (available < PRELUDE) {
      return null;
    }
    int total = readInt(start);
    int headersLength = readInt(start + 4);
    if (!preludeChecked) {
      checkCrc(start, 8, readInt(start + 8), "prelude CRC32");
      if (total < OVERHEAD || total > MAX_MESSAGE) {
        throw malformed("message length " + Integer.toUnsignedString(total) + " (expected: " + OVERHEAD + ".."
            + MAX_MESSAGE + ")");
      }
      if (headersLength < 0 || headersLength > total - OVERHEAD) {
        throw malformed("headers length " + Integer.toUnsignedString(headersLength) + " (expected: at most "
            + (total - OVERHEAD) + ")");
      }
      preludeChecked = true;
    }
    if (available < total) {
      return null;
    }
    checkCrc(start, total - 4, readInt(start + total - 4), "message CRC32");
    Map<String, String> headers = headers(start + PRELUDE, start + PRELUDE + headersLength);
    byte[] payload = Arrays.copyOfRange(buffer, start + PRELUDE + headersLength, start + total - 4);
    start += total;
    preludeChecked = false;
    if (start == end) {
      start = 0;
      end = 0;
    }
    return new EventStreamMessage(headers, payload);
  }

  private Map<String, String> headers(int from, int to) {
    Map<String, String> headers = new HashMap<>(4);
    int at = from;
    while (at < to) {
      int nameLength = buffer[at++] & 0xff;
      if (at + nameLength + 1 > to) {
        throw malformed("header name runs past the headers");
      }
      String name = new String(buffer, at, nameLength, StandardCharsets.UTF_8);
      at += nameLength;
      int type = buffer[at++] & 0xff;
      if (type >= FIXED_SIZES.length) {
        throw malformed("header '" + name + "' has value type " + type + " (expected: 0..9)");
      }
      int size = FIXED_SIZES[type];
      if (size < 0) {
        if (at + 2 > to) {
          throw malformed("header '" + name + "' value length runs past the headers");
        }
        size = ((buffer[at] & 0xff) << 8) | (buffer[at + 1] & 0xff);
        at += 2;
      }
      if (at + size > to) {
        throw malformed("header '" + name + "' value runs past the headers");
      }
      if (type == STRING) {
        headers.put(name, new String(buffer, at, size, StandardCharsets.UTF_8));
      }
      at += size;
    }
    return headers;
  }

  private void checkCrc(int from, int length, int expected, String check) {
    CRC32 crc = new CRC32();
    crc.update(buffer, from, length);
    int actual = (int) crc.getValue();
    if (actual != expected) {
      throw malformed(check + " mismatch (message says " + Integer.toHexString(expected) + ", bytes give "
          + Integer.toHexString(actual) + ")");
    }
  }

  private int readInt(int at) {
    return ((buffer[at] & 0xff) << 24) | ((buffer[at + 1] & 0xff) << 16) | ((buffer[at + 2] & 0xff) << 8)
        | (buffer[at + 3] & 0xff);
  }

  static GatewayException.UpstreamError malformed(String problem) {
    return new GatewayException.UpstreamError(502, "api_error", "bedrock event stream: " + problem, null,
        "invalid_upstream_response");
  }
}
