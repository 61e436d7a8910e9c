package dev.portcullis.provider;

import dev.portcullis.provider.ProviderSpec;
import java.net.InetAddress;
import java.net.URI;
import java.util.Map;

/**
 * One concrete upstream: which provider, at which base URL, with which credential and model.
 *
 * @param provider the provider row
 * @param baseUrl base URL including the version path; endpoint paths are appended to it
 * @param credential the provider API key, or null for providers that need none or take other fields
 * @param fields the provider's other credential fields by name ({@code aws_region}, {@code deployment_id},
 *     {@code vertex_service_account_json}...), from a virtual key, provider headers or server settings
 * @param model model id to send upstream (the address prefix removed), or null when the body has none
 * @param virtualKey slug of the virtual key used, or null
 * @param pinnedAddress address a caller-supplied host was checked against and must be reached at, or null
 */
public record Target(
    ProviderSpec provider,
    URI baseUrl,
    String credential,
    Map<String, String> fields,
    String model,
    String virtualKey,
    InetAddress pinnedAddress) {

  public Target {
    fields = Map.copyOf(fields);
  }

  /** A credential field, or null when not given. */
  public String field(String name) {
    return fields.get(name);
  }

  public Target withPinnedAddress(InetAddress address) {
    return new Target(provider, baseUrl, credential, fields, model, virtualKey, address);
  }

  @Override
  public String toString() {
    return "Target[" + provider.id() + " " + baseUrl + " model=" + model
        + (virtualKey == null ? "" : " @" + virtualKey) + "]";
  }
}
