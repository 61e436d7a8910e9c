package dev.portcullis.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.ProviderSpec;
import dev.portcullis.provider.ProviderTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which credential fields a virtual key of each provider carries, as data: OpenAI-wire providers take an
 * {@code api_key}; Azure OpenAI, AWS Bedrock and Vertex AI take their own fields. Secret fields are sealed by the
 * vault and never shown again; the others are settings, shown as they are.
 */
public final class CredentialFields {

  /** The field holding a plain provider API key. */
  public static final String API_KEY = "api_key";

  /**
   * One field.
   *
   * @param format what a valid value looks like, or null for any non-empty text
   * @param expected the expectation named in error messages
   */
  public record Field(String name, boolean secret, boolean required, Pattern format, String expected) {}

  private static final Map<String, List<Field>> NATIVE = new LinkedHashMap<>();

  static {
    NATIVE.put("azure-openai", List.of(
        secret(API_KEY, true),
        setting("resource_name", true, "[A-Za-z0-9][A-Za-z0-9-]{1,63}", "the Azure OpenAI resource name, e.g. my-openai"),
        setting("deployment_id", true, "[A-Za-z0-9._-]{1,64}", "the deployment name, e.g. gpt-4o-prod"),
        setting("api_version", true, "\\d{4}-\\d{2}-\\d{2}(-preview)?|v1", "an API version such as 2024-10-21")));
    NATIVE.put("bedrock", List.of(
        secret("aws_access_key_id", false),
        secret("aws_secret_access_key", false),
        secret("aws_session_token", false),
        setting("aws_region", true, "[a-z]{2}(-[a-z]+)+-\\d", "an AWS region such as us-east-1"),
        setting("aws_role_arn", false, "arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+",
            "an IAM role ARN such as arn:aws:iam::123456789012:role/bedrock"),
        setting("aws_external_id", false, null, "the external id the role's trust policy asks for")));
    NATIVE.put("vertex-ai", List.of(
        setting("vertex_project_id", true, "[a-z][a-z0-9-]{4,28}[a-z0-9]", "a Google Cloud project id"),
        setting("vertex_region", true, "[a-z]+-[a-z]+\\d+|global", "a Vertex region such as us-central1"),
        secret("vertex_service_account_json", true)));
    NATIVE.put("anthropic", List.of(secret(API_KEY, true)));
    NATIVE.put("google", List.of(secret(API_KEY, true)));
    NATIVE.put("cohere", List.of(secret(API_KEY, true)));
  }

  private CredentialFields() {}

  /** The canonical id of a provider a virtual key may name: a row of the provider table, by id or alias. */
  static Optional<String> canonicalProvider(String id) {
    return ProviderTable.find(id).map(ProviderSpec::id);
  }

  static String providerChoices() {
    return String.join(", ", ProviderTable.ids());
  }

  /** The fields of a canonical provider id. */
  public static List<Field> of(String provider) {
    List<Field> fields = NATIVE.get(provider);
    if (fields != null) {
      return fields;
    }
    boolean required = ProviderTable.find(provider).map(ProviderSpec::requiresKey).orElse(true);
    return List.of(secret(API_KEY, required));
  }

  /**
   * Checks given values against the provider's fields: unknown names, missing required ones, bad formats, and the
   * combinations a table cannot say (AWS needs a key pair or a role; a service account must be one).
   */
  static void check(String provider, Map<String, String> values) {
    List<Field> fields = of(provider);
    for (String name : values.keySet()) {
      if (fields.stream().noneMatch(f -> f.name().equals(name))) {
        throw GatewayException.badRequest(name + ": not a credential field of provider '" + provider
            + "' (expected one of: " + fields.stream().map(Field::name).collect(Collectors.joining(", ")) + ")", name);
      }
    }
    for (Field f : fields) {
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
    if (provider.equals("bedrock")) {
      boolean id = present(values, "aws_access_key_id");
      boolean secret = present(values, "aws_secret_access_key");
      if (id != secret) {
        String missing = id ? "aws_secret_access_key" : "aws_access_key_id";
        throw GatewayException.badRequest(missing + ": missing (expected: aws_access_key_id and "
            + "aws_secret_access_key together)", missing);
      }
      if (!id && !present(values, "aws_role_arn")) {
        throw GatewayException.badRequest("aws_access_key_id: missing (expected: an access key pair, or aws_role_arn "
            + "for a role the gateway's own AWS identity assumes)", "aws_access_key_id");
      }
    }
    if (provider.equals("vertex-ai")) {
      checkServiceAccount(values.get("vertex_service_account_json"));
    }
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
    of(provider).stream().filter(Field::secret).forEach(f -> out.add(f.name()));
    return out;
  }

  private static Map<String, String> pick(String provider, Map<String, String> values, boolean secret) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Field f : of(provider)) {
      String v = values.get(f.name());
      if (f.secret() == secret && v != null && !v.isBlank()) {
        out.put(f.name(), v);
      }
    }
    return out;
  }

  private static boolean present(Map<String, String> values, String name) {
    String v = values.get(name);
    return v != null && !v.isBlank();
  }

  private static void checkServiceAccount(String json) {
    String field = "vertex_service_account_json";
    JsonNode node;
    try {
      node = StoredJson.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw GatewayException.badRequest(field + ": not valid JSON (expected: the service account key file "
          + "Google Cloud gives, a JSON object)", field);
    }
    if (node == null || !node.isObject() || !"service_account".equals(node.path("type").asText())
        || node.path("client_email").asText().isEmpty() || node.path("private_key").asText().isEmpty()) {
      throw GatewayException.badRequest(field + ": not a service account key (expected: a JSON object with "
          + "\"type\": \"service_account\", \"client_email\" and \"private_key\")", field);
    }
  }

  private static Field secret(String name, boolean required) {
    return new Field(name, true, required, null, "the credential");
  }

  private static Field setting(String name, boolean required, String format, String expected) {
    return new Field(name, false, required, format == null ? null : Pattern.compile(format), expected);
  }
}
