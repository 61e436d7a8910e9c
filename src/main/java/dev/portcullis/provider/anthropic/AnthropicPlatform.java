package dev.portcullis.provider.anthropic;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.Target;
import java.io.IOException;
import java.net.URI;

/**
 * Where a Messages request goes and how it names its model and API version: Anthropic's own API takes the model in
 * the body and the version in a header; Vertex AI takes the model in the URL and the version in the body.
 */
enum AnthropicPlatform {

  /** {@code POST {base}/messages}, the model in the body. */
  DIRECT {
    @Override
    URI url(Target target, String model, boolean stream) {
      return URI.create(target.baseUrl() + "/messages");
    }

    @Override
    void writeHead(JsonGenerator out, String model) throws IOException {
      out.writeStringField("model", model);
    }
  },

  /**
   * {@code POST {base}/projects/{project}/locations/{region}/publishers/anthropic/models/{model}:rawPredict}
   * ({@code :streamRawPredict} when streaming), the version in the body.
   */
  VERTEX {
    @Override
    URI url(Target target, String model, boolean stream) {
      return URI.create(target.baseUrl() + "/projects/" + segment(target, "vertex_project_id")
          + "/locations/" + segment(target, "vertex_region")
          + "/publishers/anthropic/models/" + checked(target, "model", model)
          + (stream ? ":streamRawPredict" : ":rawPredict"));
    }

    @Override
    void writeHead(JsonGenerator out, String model) throws IOException {
      out.writeStringField("anthropic_version", VERTEX_VERSION);
    }
  };

  /** The API version Vertex AI's Claude endpoints take, in the body. */
  static final String VERTEX_VERSION = "vertex-2023-10-16";

  /** The URL of a chat call for {@code model}. */
  abstract URI url(Target target, String model, boolean stream);

  /** Writes the body's first fields: the model, or the API version. */
  abstract void writeHead(JsonGenerator out, String model) throws IOException;

  private static String segment(Target target, String field) {
    String value = target.field(field);
    if (value == null || value.isBlank()) {
      throw GatewayException.badRequest(field + ": missing (expected: the " + field + " of the '"
          + target.provider().id() + "' account, from a virtual key, a provider header or a server setting)", field);
    }
    return checked(target, field, value);
  }

  /** A URL path segment: letters, digits, '.', '_', '-' or '@' (Vertex model versions), nothing that moves the URL. */
  private static String checked(Target target, String field, String value) {
    boolean plain = !value.isEmpty() && value.charAt(0) != '.';
    for (int i = 0; plain && i < value.length(); i++) {
      char c = value.charAt(i);
      plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == '-' || c == '@';
    }
    if (!plain) {
      throw GatewayException.badRequest(field + ": '" + value + "' (expected: letters, digits, '.', '_', '-' or '@',"
          + " not starting with '.', for provider '" + target.provider().id() + "')", field);
    }
    return value;
  }
}
