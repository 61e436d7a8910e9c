package dev.portcullis.routing;

import dev.portcullis.config.ConfigException;
import dev.portcullis.config.NearestName;
import dev.portcullis.config.GatewayConfig.ProviderCredentials;
import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.BaseUrl;
import dev.portcullis.provider.BaseUrlTemplate;
import dev.portcullis.provider.ProviderSpec;
import dev.portcullis.provider.ProviderTable;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Providers the operator configured with server-held credentials, for {@code provider/model} addressing. */
public final class ServerProviders {

  /** One configured provider: its row, base URL, credential and other credential fields. */
  public record Configured(ProviderSpec spec, URI baseUrl, String credential, Map<String, String> fields) {
    @Override
    public String toString() {
      return "Configured[" + spec.id() + " " + baseUrl + "]";
    }
  }

  private final Map<String, Configured> byId = new LinkedHashMap<>();

  public ServerProviders(Map<String, ProviderCredentials> credentials) {
    credentials.forEach((id, creds) -> {
      ProviderSpec spec = ProviderTable.find(id).orElseThrow(() -> new ConfigException(creds.source()
          + ": unknown provider '" + id + "'" + NearestName.of(id, ProviderTable.ids()).map(n -> "; did you mean '"
              + n + "'?").orElse("") + " (expected one of: " + String.join(", ", ProviderTable.ids()) + ")"));
      String base = creds.baseUrl() != null ? creds.baseUrl() : spec.baseUrl();
      if (creds.baseUrl() == null && BaseUrlTemplate.isTemplate(base)) {
        try {
          base = BaseUrlTemplate.fill(spec.id(), base, creds.fields());
        } catch (GatewayException e) {
          throw new ConfigException("providers." + id + "." + e.getMessage());
        }
      }
      if (base == null) {
        throw new ConfigException("providers." + id + ".base_url: missing (expected: the provider's base URL, "
            + "since '" + spec.id() + "' has no default)");
      }
      if (spec.requiresKey() && creds.apiKey() == null) {
        throw new ConfigException("providers." + id + ".api_key: missing (expected: the " + spec.id() + " credential)");
      }
      byId.put(spec.id(), new Configured(spec, baseUrl(id, base), creds.apiKey(), creds.fields()));
    });
  }

  public Optional<Configured> find(String providerId) {
    return ProviderTable.find(providerId).map(spec -> byId.get(spec.id()));
  }

  /** The one configured provider, when exactly one is configured. */
  public Optional<Configured> only() {
    return byId.size() == 1 ? Optional.of(byId.values().iterator().next()) : Optional.empty();
  }

  public Set<String> ids() {
    return byId.keySet();
  }

  private static URI baseUrl(String id, String text) {
    return BaseUrl.parse(text).orElseThrow(() ->
        new ConfigException("providers." + id + ".base_url: '" + text + "' (expected: an http or https URL)"));
  }
}
