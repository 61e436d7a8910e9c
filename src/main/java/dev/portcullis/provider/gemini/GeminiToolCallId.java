package dev.portcullis.provider.gemini;

/**
 * The OpenAI tool-call id of a Gemini function call, carrying the call's thought signature so it comes back.
 *
 * <p>Gemini 3 refuses (400) a conversation whose function calls lack the {@code thoughtSignature} it sent with them,
 * and OpenAI clients keep nothing of a tool call but its id, name and arguments. So the signature travels inside the
 * id: {@code call_0__ts_<signature>}, the signature in URL-safe base64 without padding, which keeps the id to
 * letters, digits, {@code _} and {@code -} (ids that other providers take too). Reading the id back restores the
 * signature on the function call it came with.
 *
 * @param call the plain id: Gemini's own {@code functionCall.id}, or {@code call_<n>} numbered in the answer
 * @param signature the thought signature as Gemini sent it (standard base64), or null
 */
record GeminiToolCallId(String call, String signature) {

  private static final String MARKER = "__ts_";

  /** The id a client sees. */
  String encode() {
    if (signature == null) {
      return call;
    }
    String urlSafe = signature.replace('+', '-').replace('/', '_');
    int end = urlSafe.length();
    while (end > 0 && urlSafe.charAt(end - 1) == '=') {
      end--;
    }
    return call + MARKER + urlSafe.substring(0, end);
  }

  /** Reads an id a client sent back; an id without a signature reads as itself. */
  static GeminiToolCallId decode(String id) {
    int marker = id.indexOf(MARKER);
    if (marker < 0) {
      return new GeminiToolCallId(id, null);
    }
    String standard = id.substring(marker + MARKER.length()).replace('-', '+').replace('_', '/');
    return new GeminiToolCallId(id.substring(0, marker), standard + "=".repeat((4 - standard.length() % 4) % 4));
  }
}
