package dev.portcullis.api;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * A request body as the passthrough path needs it: the bytes, where the model id sits in them, and the stream
 * flags. Changing the model patches those bytes only; every other byte reaches the provider unchanged.
 *
 * @param bytes the body as received
 * @param model the model id, or null when the body names none
 * @param modelStart offset of the model value's first byte (inside its quotes for JSON), or -1
 * @param modelEnd offset just past the model value's last byte, or -1
 * @param json whether the body is a JSON object (model replacement then quotes and escapes)
 * @param stream whether the caller asked for a stream
 * @param streamOptions whether the body has a top-level {@code stream_options} field, whatever its value
 */
public record InboundBody(Buffer bytes, String model, int modelStart, int modelEnd, boolean json, boolean stream,
    boolean streamOptions) {

  private static final byte[] ASK_FOR_USAGE =
      ",\"stream_options\":{\"include_usage\":true}".getBytes(StandardCharsets.US_ASCII);

  public static InboundBody opaque(Buffer bytes) {
    return new InboundBody(bytes, null, -1, -1, false, false, false);
  }

  /**
   * Whether the gateway may add {@code stream_options.include_usage} to this body: a JSON stream request that has
   * no {@code stream_options} of its own (a client that sent one, even without {@code include_usage}, is left as it
   * is).
   */
  public boolean mayAskForUsage() {
    return json && stream && !streamOptions;
  }

  /**
   * {@code body} (this body, perhaps patched) with {@code "stream_options":{"include_usage":true}} added as the last
   * field of its top-level object: every other byte stays as it was.
   */
  public static Buffer askingForUsage(Buffer body) {
    int end = body.length() - 1;
    while (end >= 0 && body.getByte(end) != '}') {
      end--;
    }
    Buffer out = Buffer.buffer(body.length() + ASK_FOR_USAGE.length);
    out.appendBuffer(body, 0, end);
    out.appendBytes(ASK_FOR_USAGE);
    out.appendBuffer(body, end, body.length() - end);
    return out;
  }

  /** The body with the model value replaced, or this very buffer when the model is unchanged. */
  public Buffer withModel(String newModel) {
    if (model == null || model.equals(newModel)) {
      return bytes;
    }
    byte[] value = (json ? jsonEscape(newModel) : newModel).getBytes(StandardCharsets.UTF_8);
    Buffer out = Buffer.buffer(bytes.length() - (modelEnd - modelStart) + value.length);
    out.appendBuffer(bytes, 0, modelStart);
    out.appendBytes(value);
    out.appendBuffer(bytes, modelEnd, bytes.length() - modelEnd);
    return out;
  }

  private static String jsonEscape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
