package dev.portcullis.api;

import dev.portcullis.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@code model} form field of a {@code multipart/form-data} body (audio transcriptions, image edits) so
 * the model can be read and patched without re-encoding the upload. The field is the part whose
 * {@code Content-Disposition} names it {@code model} and carries no file name: a file called {@code model}
 * ({@code filename="model"}), or text that looks like a part header inside an upload, is not it.
 */
public final class MultipartModelField {

  private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final Pattern PARAMETER =
      Pattern.compile("(?i);\\s*(name|filename\\*?)\\s*=\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[^;\\s]*)");

  private MultipartModelField() {}

  public static InboundBody inspect(Buffer body, String contentType) {
    byte[] bytes = body.getBytes();
    byte[] delimiter = ("--" + boundary(contentType)).getBytes(StandardCharsets.US_ASCII);
    int at = indexOf(bytes, delimiter, 0);
    while (at >= 0) {
      int afterDelimiter = at + delimiter.length;
      if (startsWith(bytes, afterDelimiter, "--")) {
        break;
      }
      int headers = indexOf(bytes, CRLF, afterDelimiter);
      int headersEnd = headers < 0 ? -1 : indexOf(bytes, HEADER_END, headers);
      if (headersEnd < 0) {
        break;
      }
      int start = headersEnd + HEADER_END.length;
      int end = indexOf(bytes, concat(CRLF, delimiter), start);
      if (isModelField(new String(bytes, headers, headersEnd - headers, StandardCharsets.UTF_8))) {
        if (end < 0) {
          throw GatewayException.badRequest("multipart body: the 'model' part is not closed by its boundary "
              + "(expected: CRLF and '--' followed by the boundary after the value)");
        }
        String model = new String(bytes, start, end - start, StandardCharsets.UTF_8).trim();
        return new InboundBody(body, model, start, end, false, false, false);
      }
      at = end < 0 ? -1 : end + CRLF.length;
    }
    return InboundBody.opaque(body);
  }

  /** Whether a part's headers make it the plain {@code model} field. */
  private static boolean isModelField(String headers) {
    for (String line : headers.split("\r\n", -1)) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-disposition")) {
        String name = null;
        boolean file = false;
        Matcher m = PARAMETER.matcher(line.substring(colon + 1));
        while (m.find()) {
          if (m.group(1).equalsIgnoreCase("name")) {
            String v = m.group(2);
            name = v.startsWith("\"") && v.length() > 1 ? v.substring(1, v.length() - 1) : v;
          } else {
            file = true;
          }
        }
        return "model".equals(name) && !file;
      }
    }
    return false;
  }

  private static String boundary(String contentType) {
    for (String part : contentType.split(";", -1)) {
      String p = part.trim();
      if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
        String b = p.substring(9);
        return b.startsWith("\"") && b.endsWith("\"") && b.length() > 1 ? b.substring(1, b.length() - 1) : b;
      }
    }
    throw GatewayException.badRequest("content-type: '" + contentType
        + "' has no boundary (expected: multipart/form-data; boundary=...)", "content-type");
  }

  private static boolean startsWith(byte[] bytes, int at, String prefix) {
    if (at + prefix.length() > bytes.length) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (bytes[at + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
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
