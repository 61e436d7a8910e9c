package dev.portcullis.provider.vertex;

import dev.portcullis.provider.BaseUrlTemplate;
import dev.portcullis.provider.gemini.GeminiModelUrl;
import dev.portcullis.provider.Target;
import java.net.URI;

/**
 * Vertex AI's layout for Google's models:
 * {@code {base}/projects/{vertex_project_id}/locations/{vertex_region}/publishers/google/models/{model}:{method}}.
 * The provider row's base is regional ({@code https://{vertex_region}-aiplatform.googleapis.com/v1}); the
 * {@code global} location has no regional host and is served at {@code https://aiplatform.googleapis.com/v1}.
 */
final class VertexModelUrl implements GeminiModelUrl {

  static final VertexModelUrl GOOGLE = new VertexModelUrl();

  private static final String LOCATION = "/projects/{vertex_project_id}/locations/{vertex_region}";
  private static final String PUBLISHER = "publishers/google/models/";
  private static final String GLOBAL_HOST = "aiplatform.googleapis.com";
  private static final String GLOBAL_REGIONAL_HOST = "global-" + GLOBAL_HOST;

  private VertexModelUrl() {}

  /**
   * @throws dev.portcullis.error.GatewayException.BadRequest naming {@code vertex_project_id} or
   *     {@code vertex_region} when missing, or the model when it is not a plain id
   */
  @Override
  public URI of(Target target, String model, String method) {
    String location = BaseUrlTemplate.fill(target.provider().id(), LOCATION, target.fields());
    return URI.create(base(target) + location + "/" + PUBLISHER + GeminiModelUrl.modelId(model, PUBLISHER) + ":"
        + method);
  }

  /** The target's base URL, with the {@code global} location's regional-looking host replaced by the real one. */
  static String base(Target target) {
    URI base = target.baseUrl();
    return GLOBAL_REGIONAL_HOST.equals(base.getHost())
        ? base.toString().replaceFirst(GLOBAL_REGIONAL_HOST, GLOBAL_HOST)
        : base.toString();
  }
}
