package dev.portcullis.keys;

import java.util.Map;

/**
 * A virtual key with its decrypted credential, held in memory only.
 *
 * @param credential the provider API key, or empty when the provider takes none (or takes other secret fields)
 * @param secretFields the provider's other secret fields ({@code aws_secret_access_key},
 *     {@code vertex_service_account_json}, ...)
 */
public record ResolvedVirtualKey(VirtualKey key, String credential, Map<String, String> secretFields) {

  public ResolvedVirtualKey {
    secretFields = Map.copyOf(secretFields);
  }

  /** A credential field by name, secret or not ({@code resource_name}, {@code aws_region}, ...), or null. */
  public String field(String name) {
    String setting = key.settings().get(name);
    return setting != null ? setting : secretFields.get(name);
  }

  @Override
  public String toString() {
    return "ResolvedVirtualKey[" + key + ", credential=***, secretFields=" + secretFields.keySet() + "]";
  }
}
