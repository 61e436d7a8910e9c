package dev.portcullis.provider.anthropic;

import dev.portcullis.provider.CredentialCheck;
import dev.portcullis.provider.CredentialField;
import dev.portcullis.provider.ProviderSpec;
import java.util.List;
import java.util.Map;

/** Anthropic's Messages API: an {@code x-api-key}; the version and beta headers may be set per request. */
public final class AnthropicProvider {

  public static final ProviderSpec SPEC = new ProviderSpec("anthropic", "https://api.anthropic.com/v1", "x-api-key",
      "", true, List.of(CredentialField.secret(CredentialField.API_KEY, true)),
      Map.of("anthropic-version", "anthropic_version", "anthropic-beta", "anthropic_beta"), CredentialCheck.NONE,
      (vertx, clock) -> new AnthropicAdapter(clock), false);

  private AnthropicProvider() {}
}
