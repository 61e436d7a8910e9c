package dev.portcullis.server;

import dev.portcullis.api.openai.OpenAiUsageReader;
import dev.portcullis.model.Usage;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Picks token usage out of a response on its way to the client without holding the response: from a JSON body at
 * the end, or from the SSE event that carries {@code usage} (split across chunks or not).
 */
final class UsageCapture {

  private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] USAGE = "\"usage\"".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_LINE = 1 << 20;

  private final Exchange exchange;
  private byte[] pending = new byte[0];

  UsageCapture(Exchange exchange) {
    this.exchange = exchange;
  }

  static void fromJson(Buffer body, Exchange ex) {
    set(ex, OpenAiUsageReader.read(body));
  }

  /** Feeds one chunk of an event stream. */
  void accept(Buffer chunk) {
    byte[] bytes = chunk.getBytes();
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

  private void line(byte[] bytes, int from, int to) {
    if (to - from > DATA.length && startsWith(bytes, from, DATA) && contains(bytes, from, to, USAGE)) {
      Usage usage = OpenAiUsageReader.read(Arrays.copyOfRange(bytes, from + DATA.length, to));
      set(exchange, usage);
    }
  }

  private static void set(Exchange ex, Usage usage) {
    if (usage != null) {
      ex.promptTokens = usage.promptTokens();
      ex.completionTokens = usage.completionTokens();
      ex.totalTokens = usage.totalTokens();
    }
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

  private static boolean contains(byte[] bytes, int from, int to, byte[] needle) {
    outer:
    for (int i = from; i <= to - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
