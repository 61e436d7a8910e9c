package dev.portcullis.migrate.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.portcullis.keys.CredentialFields;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The secrets Portkey never returns, by virtual key slug: a {@code --secrets} YAML file ({@code slug: sk-...}, or
 * {@code slug: {api_key: ..., resource_name: ...}} for several fields), else the environment variable
 * {@code PORTKEY_VK_<SLUG>} (upper case, other characters as {@code _}) holding the API key.
 */
public final class VirtualKeySecrets {

  private final Map<String, Map<String, String>> file;
  private final Map<String, String> environment;

  private VirtualKeySecrets(Map<String, Map<String, String>> file, Map<String, String> environment) {
    this.file = file;
    this.environment = environment;
  }

  public static VirtualKeySecrets of(Path secretsFile, Map<String, String> environment) {
    Map<String, Map<String, String>> file = new LinkedHashMap<>();
    if (secretsFile != null) {
      JsonNode root;
      try {
        root = new ObjectMapper(new YAMLFactory()).readTree(secretsFile.toFile());
      } catch (IOException e) {
        throw new IllegalArgumentException("--secrets: '" + secretsFile + "' cannot be read as YAML: "
            + e.getMessage() + " (expected: slug: secret, one a line)");
      }
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("--secrets: '" + secretsFile
            + "' is not a mapping (expected: slug: secret, one a line)");
      }
      root.properties().forEach(e -> {
        Map<String, String> fields = new LinkedHashMap<>();
        if (e.getValue().isObject()) {
          e.getValue().properties().forEach(f -> fields.put(f.getKey(), f.getValue().asText()));
        } else {
          fields.put(CredentialFields.API_KEY, e.getValue().asText());
        }
        file.put(e.getKey(), fields);
      });
    }
    return new VirtualKeySecrets(file, environment);
  }

  static String variable(String slug) {
    return "PORTKEY_VK_" + slug.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  Optional<Map<String, String>> forSlug(String slug) {
    if (file.containsKey(slug)) {
      return Optional.of(file.get(slug));
    }
    return Optional.ofNullable(environment.get(variable(slug)))
        .map(secret -> Map.of(CredentialFields.API_KEY, secret));
  }
}
