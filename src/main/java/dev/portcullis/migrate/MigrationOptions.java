package dev.portcullis.migrate;

import java.net.URI;

/**
 * How {@code migrate portkey} rewrites.
 *
 * @param gatewayUrl the gateway's OpenAI-compatible base URL, e.g. {@code http://127.0.0.1:8787/v1}
 * @param renameEnv whether {@code PORTKEY_API_KEY} becomes {@code PORTCULLIS_API_KEY}
 */
public record MigrationOptions(String gatewayUrl, boolean renameEnv) {

  public static final String DEFAULT_GATEWAY_URL = "http://127.0.0.1:8787/v1";

  public MigrationOptions {
    URI url;
    try {
      url = URI.create(gatewayUrl);
    } catch (IllegalArgumentException e) {
      url = null;
    }
    if (url == null || url.getHost() == null
        || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
      throw new IllegalArgumentException("--gateway-url: '" + gatewayUrl
          + "' (expected: an http or https URL, e.g. " + DEFAULT_GATEWAY_URL + ")");
    }
    if (gatewayUrl.contains("api.portkey.ai")) {
      throw new IllegalArgumentException("--gateway-url: '" + gatewayUrl
          + "' (expected: the Portcullis gateway's URL, not Portkey's)");
    }
    gatewayUrl = gatewayUrl.endsWith("/") ? gatewayUrl.substring(0, gatewayUrl.length() - 1) : gatewayUrl;
  }
}
