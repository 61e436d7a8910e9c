package dev.portcullis.api;

import dev.portcullis.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Finds the {@code model} form field of a {@code multipart/form-data} body (audio transcriptions, image edits) so
 * the model can be read and patched without re-encoding the upload.
 */
public final class MultipartModelField {

  private static final byte[] FIELD = "name=\"model\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private MultipartModelField() {}

  public static InboundBody inspect(Buffer body, String contentType) {
    String boundary = boundary(contentType);
    byte[] bytes = body.getBytes();
    byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    int field = indexOf(bytes, FIELD, 0);
    if (field < 0) {
      return InboundBody.opaque(body);
    }
    int start = indexOf(bytes, HEADER_END, field);
    if (start < 0) {
      throw GatewayException.badRequest("multipart body: the 'model' part has no end of headers (expected: a blank line)");
    }
    start += HEADER_END.length;
    int end = indexOf(bytes, delimiter, start);
    if (end < 0) {
      throw GatewayException.badRequest("multipart body: the 'model' part is not closed by boundary '" + boundary + "'");
    }
    String model = new String(bytes, start, end - start, StandardCharsets.UTF_8).trim();
    return new InboundBody(body, model, start, end, false, false);
  }

  private static String boundary(String contentType) {
    for (String part : contentType.split(";")) {
      String p = part.trim();
      if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
        String b = p.substring(9);
        return b.startsWith("\"") && b.endsWith("\"") && b.length() > 1 ? b.substring(1, b.length() - 1) : b;
      }
    }
    throw GatewayException.badRequest("content-type: '" + contentType
        + "' has no boundary (expected: multipart/form-data; boundary=...)", "content-type");
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
