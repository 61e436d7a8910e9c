package dev.portcullis.keys;

import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.CredentialField;
import dev.portcullis.provider.ProviderSpec;
import dev.portcullis.provider.ProviderTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks and splits the credential fields of a virtual key, as its provider's spec describes them: secret fields are
 * sealed by the vault and never shown again; the others are settings, shown as they are.
 */
public final class CredentialFields {

  /** The field holding a plain provider API key. */
  public static final String API_KEY = CredentialField.API_KEY;

  private CredentialFields() {}

  /** The canonical id of a provider a virtual key may name: a row of the provider table, by id or alias. */
  static Optional<String> canonicalProvider(String id) {
    return ProviderTable.find(id).map(ProviderSpec::id);
  }

  static String providerChoices() {
    return String.join(", ", ProviderTable.ids());
  }

  /** The fields of a canonical provider id. */
  public static List<CredentialField> of(String provider) {
    return spec(provider).credentials();
  }

  private static ProviderSpec spec(String provider) {
    return ProviderTable.find(provider).orElseThrow(() -> GatewayException.badRequest("provider: '" + provider
        + "' (expected one of: " + providerChoices() + ")", "provider"));
  }

  /**
   * Checks given values against the provider's fields: unknown names, missing required ones, bad formats, and what
   * the provider's spec says the fields must say together.
   */
  static void check(String provider, Map<String, String> values) {
    List<CredentialField> fields = of(provider);
    for (String name : values.keySet()) {
      if (fields.stream().noneMatch(f -> f.name().equals(name))) {
        throw GatewayException.badRequest(name + ": not a credential field of provider '" + provider
            + "' (expected one of: " + fields.stream().map(CredentialField::name).collect(Collectors.joining(", "))
            + ")", name);
      }
    }
    for (CredentialField f : fields) {
      String v = values.get(f.name());
      if (v == null || v.isBlank()) {
        if (f.required()) {
          throw GatewayException.badRequest(f.name() + ": missing (expected: " + (f.secret()
              ? "the " + provider + " credential" : f.expected()) + ")", f.name());
        }
      } else if (f.format() != null && !f.format().matcher(v).matches()) {
        throw GatewayException.badRequest(f.name() + ": '" + v + "' (expected: " + f.expected() + ")", f.name());
      }
    }
    spec(provider).check().check(values);
  }

  /** Splits checked values into settings (shown) and secrets (sealed). */
  static Map<String, String> settings(String provider, Map<String, String> values) {
    return pick(provider, values, false);
  }

  static Map<String, String> secrets(String provider, Map<String, String> values) {
    return pick(provider, values, true);
  }

  /** Names of the secret fields set in a key: what views list, masked. */
  static List<String> secretNames(String provider) {
    List<String> out = new ArrayList<>();
    of(provider).stream().filter(CredentialField::secret).forEach(f -> out.add(f.name()));
    return out;
  }

  private static Map<String, String> pick(String provider, Map<String, String> values, boolean secret) {
    Map<String, String> out = new LinkedHashMap<>();
    for (CredentialField f : of(provider)) {
      String v = values.get(f.name());
      if (f.secret() == secret && v != null && !v.isBlank()) {
        out.put(f.name(), v);
      }
    }
    return out;
  }
}
