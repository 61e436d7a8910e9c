package dev.portcullis.routing;

import java.util.Map;

/**
 * Where the request's own gateway headers send it, as routing reads them (no HTTP types): a provider to pass through
 * to with the caller's key, a virtual key, a custom host, provider credential fields.
 *
 * @param prefix the header prefix the caller used ({@code x-portkey-} or {@code x-portcullis-}), for messages
 * @param provider provider id from the -provider header, or null
 * @param providerKey the caller's provider credential (passthrough mode), or null
 * @param virtualKey virtual key slug from the -virtual-key header, or null
 * @param customHost provider base URL from the -custom-host header, or null
 * @param headers every gateway header by name without prefix, for provider credential fields
 *     ({@code aws-region}, {@code azure-resource-name}...) that a provider's spec names
 */
public record HeaderRoute(String prefix, String provider, String providerKey, String virtualKey, String customHost,
    Map<String, String> headers) {

  /** The name of a gateway header as the caller wrote it ({@code x-portkey-custom-host}). */
  String header(String name) {
    return prefix + name;
  }
}
