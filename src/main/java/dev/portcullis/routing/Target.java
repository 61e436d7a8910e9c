package dev.portcullis.routing;

import dev.portcullis.provider.ProviderSpec;
import java.net.InetAddress;
import java.net.URI;

/**
 * One concrete upstream: which provider, at which base URL, with which credential and model.
 *
 * @param provider the provider row
 * @param baseUrl base URL including the version path; endpoint paths are appended to it
 * @param credential the provider credential, or null for providers that need none
 * @param model model id to send upstream (the address prefix removed), or null when the body has none
 * @param virtualKey slug of the virtual key used, or null
 * @param pinnedAddress address a caller-supplied host was checked against and must be reached at, or null
 */
public record Target(
    ProviderSpec provider, URI baseUrl, String credential, String model, String virtualKey, InetAddress pinnedAddress) {

  public Target withPinnedAddress(InetAddress address) {
    return new Target(provider, baseUrl, credential, model, virtualKey, address);
  }

  @Override
  public String toString() {
    return "Target[" + provider.id() + " " + baseUrl + " model=" + model
        + (virtualKey == null ? "" : " @" + virtualKey) + "]";
  }
}
