package dev.portcullis.provider.azure;

import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.Target;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Where an Azure OpenAI call goes. With a dated {@code api_version}, OpenAI's endpoint path hangs under the
 * deployment: {@code <base>/deployments/<deployment_id>/chat/completions?api-version=<api_version>}. With
 * {@code api_version} {@value #V1}, Azure's v1 API: {@code <base>/v1/chat/completions}, no version query, the
 * deployment named by the body's {@code model}. The client's own query is kept, except an {@code api-version} of
 * its own, which the target's replaces.
 */
final class AzureUrl {

  static final String V1 = "v1";

  private static final String API_VERSION = "api-version";
  /** A deployment name or version that cannot leave its path segment or query value. */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+");

  private AzureUrl() {}

  /**
   * @param query the client's raw query string, or null
   * @throws GatewayException.BadRequest naming {@code api_version} or {@code deployment_id} when it is missing or
   *     not a plain name
   */
  static URI of(Target target, String endpoint, String query) {
    String version = field(target, "api_version", "an API version such as 2024-10-21, or v1");
    String kept = withoutApiVersion(query);
    if (V1.equals(version)) {
      return URI.create(target.baseUrl() + "/" + V1 + endpoint + (kept.isEmpty() ? "" : "?" + kept));
    }
    String deployment = field(target, "deployment_id", "the deployment name, e.g. gpt-4o-prod");
    return URI.create(target.baseUrl() + "/deployments/" + deployment + endpoint + "?" + API_VERSION + "="
        + URLEncoder.encode(version, StandardCharsets.UTF_8) + (kept.isEmpty() ? "" : "&" + kept));
  }

  private static String field(Target target, String name, String expected) {
    String value = target.field(name);
    if (value == null || value.isBlank()) {
      throw GatewayException.badRequest(name + ": missing (expected: " + expected + ", from a virtual key, the "
          + "x-portkey-azure-" + name.replace('_', '-') + " header or "
          + "PORTCULLIS_PROVIDER_AZURE_OPENAI_" + name.toUpperCase(java.util.Locale.ROOT) + ")", name);
    }
    if (!SAFE.matcher(value).matches()) {
      throw GatewayException.badRequest(name + ": '" + value + "' (expected: letters, digits, '.', '_' or '-')",
          name);
    }
    return value;
  }

  private static String withoutApiVersion(String query) {
    if (query == null || query.isEmpty()) {
      return "";
    }
    StringBuilder kept = new StringBuilder(query.length());
    for (String parameter : query.split("&")) {
      if (!parameter.isEmpty() && !parameter.equals(API_VERSION) && !parameter.startsWith(API_VERSION + "=")) {
        kept.append(kept.isEmpty() ? "" : "&").append(parameter);
      }
    }
    return kept.toString();
  }
}
