package dev.portcullis.provider;

import java.util.regex.Pattern;

/**
 * One field of a provider's credentials as a virtual key stores it: secret fields are sealed by the vault and never
 * shown again; the others are settings, shown as they are.
 *
 * @param format what a valid value looks like, or null for any non-empty text
 * @param expected the expectation named in error messages
 */
public record CredentialField(String name, boolean secret, boolean required, Pattern format, String expected) {

  /** The field holding a plain provider API key. */
  public static final String API_KEY = "api_key";

  public static CredentialField secret(String name, boolean required) {
    return new CredentialField(name, true, required, null, "the credential");
  }

  public static CredentialField setting(String name, boolean required, String format, String expected) {
    return new CredentialField(name, false, required, format == null ? null : Pattern.compile(format), expected);
  }
}
