package dev.portcullis.provider;

import java.util.regex.Pattern;

/**
 * Removes credentials from text that came back from a provider before it reaches a client or a log: the exact
 * credential used for the call, and anything shaped like an API key (providers echo partially masked keys).
 */
public final class SecretRedactor {

  private static final Pattern KEY_SHAPED = Pattern.compile(
      "(?i)\\b(sk|pk|pcl|rk|gsk|xai|key|csk)[-_][A-Za-z0-9_\\-*.]{6,}|\\bAIza[0-9A-Za-z_\\-]{20,}|\\bBearer\\s+\\S+");
  private static final String MASK = "[REDACTED]";

  private SecretRedactor() {}

  public static String redact(String text, String credential) {
    if (text == null) {
      return null;
    }
    String out = text;
    if (credential != null && credential.length() >= 4) {
      out = out.replace(credential, MASK);
    }
    return KEY_SHAPED.matcher(out).replaceAll(MASK);
  }
}
