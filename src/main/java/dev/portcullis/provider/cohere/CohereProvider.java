package dev.portcullis.provider.cohere;

import dev.portcullis.provider.CredentialCheck;
import dev.portcullis.provider.CredentialField;
import dev.portcullis.provider.ProviderSpec;
import java.util.List;
import java.util.Map;

/** Cohere's v2 API: a bearer API key. */
public final class CohereProvider {

  public static final ProviderSpec SPEC = new ProviderSpec("cohere", "https://api.cohere.com/v2", "Authorization",
      "Bearer ", true, List.of(CredentialField.secret(CredentialField.API_KEY, true)), Map.of(),
      CredentialCheck.NONE, (vertx, clock) -> new CohereAdapter(clock), false);

  private CohereProvider() {}
}
