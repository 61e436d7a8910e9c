package dev.portcullis.server;

import dev.portcullis.model.Usage;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Picks token usage out of a response on its way to the client without holding the response: from a JSON body at
 * the end, or from the SSE events that carry {@code usage} (split across chunks or not). The usage object is cut out
 * wherever it sits (top level in OpenAI's chunks, inside {@code message} in Anthropic's {@code message_start}) and
 * read by the reader of the wire's format.
 */
final class UsageCapture {

  /** Reads a document whose top-level {@code usage} object is the one found; null when it has no usage. */
  interface Reader {
    Usage read(byte[] document);
  }

  private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] USAGE = "\"usage\"".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_LINE = 1 << 20;

  private final UsageTally tally;
  private final Reader reader;
  private byte[] pending = new byte[0];

  UsageCapture(UsageTally tally, Reader reader) {
    this.tally = tally;
    this.reader = reader;
  }

  /**
   * Reads {@code usage} from a whole JSON answer. Providers put it last, so the body is searched backwards for the
   * key (inside JSON strings a quote is always escaped, so a bare {@code "usage"} is a key) and only that object is
   * parsed, not the whole answer.
   */
  static void fromJson(Buffer body, UsageTally tally, Reader reader) {
    byte[] bytes = body.getBytes();
    tally.add(lastUsage(bytes, 0, bytes.length, reader));
  }

  /** The last {@code "usage": {...}} in {@code json[from, to)}, cut out and read; null when there is none. */
  private static Usage lastUsage(byte[] json, int from, int to, Reader reader) {
    int key = lastIndexOf(json, from, to, USAGE);
    int open = key < 0 ? -1 : valueStart(json, key + USAGE.length, to);
    int close = open < 0 || json[open] != '{' ? -1 : objectEnd(json, open, to);
    if (close < 0) {
      return null;
    }
    byte[] wrapped = new byte[close - key + 3];
    wrapped[0] = '{';
    System.arraycopy(json, key, wrapped, 1, close + 1 - key);
    wrapped[wrapped.length - 1] = '}';
    return reader.read(wrapped);
  }

  private static int lastIndexOf(byte[] bytes, int from, int to, byte[] needle) {
    outer:
    for (int i = to - needle.length; i >= from; i--) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Index of the first byte of the value after {@code "key"}, past the colon and blanks; -1 if malformed. */
  private static int valueStart(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to && bytes[i] != ':') {
      if (!Character.isWhitespace(bytes[i])) {
        return -1;
      }
      i++;
    }
    i++;
    while (i < to && Character.isWhitespace(bytes[i])) {
      i++;
    }
    return i < to ? i : -1;
  }

  /** Index of the brace closing the object opened at {@code open}, skipping strings; -1 if it never closes. */
  private static int objectEnd(byte[] bytes, int open, int to) {
    int depth = 0;
    boolean inString = false;
    for (int i = open; i < to; i++) {
      byte b = bytes[i];
      if (inString) {
        if (b == '\\') {
          i++;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{') {
        depth++;
      } else if (b == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Feeds one chunk of an event stream. */
  void accept(Buffer chunk) {
    byte[] bytes = chunk.getBytes();
    int length = bytes.length;
    countDataEvents(bytes);
    if (pending.length == 0 && length > 0 && bytes[length - 1] == '\n' && lastIndexOf(bytes, 0, length, USAGE) < 0) {
      return;
    }
    int lineStart = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        if (pending.length == 0) {
          line(bytes, lineStart, i);
        } else {
          byte[] joined = join(pending, bytes, lineStart, i);
          pending = new byte[0];
          line(joined, 0, joined.length);
        }
        lineStart = i + 1;
      }
    }
    if (lineStart < bytes.length && pending.length + bytes.length - lineStart <= MAX_LINE) {
      pending = join(pending, bytes, lineStart, bytes.length);
    }
  }

  /** Counts the lines of {@code bytes} that open a {@code data:} event (one split across chunks may be missed). */
  private void countDataEvents(byte[] bytes) {
    for (int i = 0; i + DATA.length <= bytes.length; i++) {
      if ((i == 0 ? pending.length == 0 : bytes[i - 1] == '\n') && startsWith(bytes, i, DATA)) {
        tally.dataEvent();
      }
    }
  }

  /** One complete SSE line; only a data line whose usage is an object (not null) is read. */
  private void line(byte[] bytes, int from, int to) {
    if (to - from <= DATA.length || !startsWith(bytes, from, DATA)) {
      return;
    }
    tally.add(lastUsage(bytes, from + DATA.length, to, reader));
  }

  private static byte[] join(byte[] head, byte[] bytes, int from, int to) {
    byte[] out = new byte[head.length + to - from];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(bytes, from, out, head.length, to - from);
    return out;
  }

  private static boolean startsWith(byte[] bytes, int from, byte[] prefix) {
    for (int j = 0; j < prefix.length; j++) {
      if (bytes[from + j] != prefix[j]) {
        return false;
      }
    }
    return true;
  }
}
