package dev.portcullis.provider.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.CredentialField;
import dev.portcullis.provider.ProviderSpec;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Vertex AI: a project and a region, reached with an OAuth token minted from a service-account key (or a token given
 * per request).
 */
public final class VertexProvider {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static final ProviderSpec SPEC = new ProviderSpec("vertex-ai",
      "https://{vertex_region}-aiplatform.googleapis.com/v1", "Authorization", "Bearer ", false,
      List.of(
          CredentialField.setting("vertex_project_id", true, "[a-z][a-z0-9-]{4,28}[a-z0-9]",
              "a Google Cloud project id"),
          CredentialField.setting("vertex_region", true, "[a-z]+-[a-z]+\\d+|global",
              "a Vertex region such as us-central1"),
          CredentialField.secret(ServiceAccountKey.FIELD, true)),
      Map.of("vertex-project-id", "vertex_project_id", "vertex-region", "vertex_region",
          "vertex-service-account-json", ServiceAccountKey.FIELD),
      VertexProvider::checkServiceAccount, VertexAdapter::new, false);

  private VertexProvider() {}

  /** The stored key must be a service-account key file, not any JSON. */
  private static void checkServiceAccount(Map<String, String> values) {
    String field = ServiceAccountKey.FIELD;
    JsonNode node;
    try {
      node = JSON.readTree(values.get(field));
    } catch (IOException e) {
      throw GatewayException.badRequest(field + ": not valid JSON (expected: the service account key file "
          + "Google Cloud gives, a JSON object)", field);
    }
    if (node == null || !node.isObject() || !"service_account".equals(node.path("type").asText())
        || node.path("client_email").asText().isEmpty() || node.path("private_key").asText().isEmpty()) {
      throw GatewayException.badRequest(field + ": not a service account key (expected: a JSON object with "
          + "\"type\": \"service_account\", \"client_email\" and \"private_key\")", field);
    }
  }
}
