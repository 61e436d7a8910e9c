package dev.portcullis.provider.gemini;

import dev.portcullis.provider.CredentialCheck;
import dev.portcullis.provider.CredentialField;
import dev.portcullis.provider.ProviderSpec;
import java.util.List;
import java.util.Map;

/** The Gemini API (Google AI Studio): an API key in {@code x-goog-api-key}. */
public final class GeminiProvider {

  public static final ProviderSpec SPEC = new ProviderSpec("google",
      "https://generativelanguage.googleapis.com/v1beta", "x-goog-api-key", "", true,
      List.of(CredentialField.secret(CredentialField.API_KEY, true)), Map.of(), CredentialCheck.NONE,
      (vertx, clock) -> new GeminiAdapter(clock), false);

  private GeminiProvider() {}
}
