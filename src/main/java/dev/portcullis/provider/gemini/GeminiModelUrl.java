package dev.portcullis.provider.gemini;

import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.Target;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * Where a Gemini model's methods live. The Gemini API puts them at {@code {base}/models/{model}:{method}}; Vertex AI
 * at {@code {base}/projects/{project}/locations/{region}/publishers/google/models/{model}:{method}}. The body of
 * every method is the same on both, so a codec takes one of these and nothing else changes.
 */
@FunctionalInterface
public interface GeminiModelUrl {

  /** What a model id may hold: nothing that could leave the path segment or start another method. */
  Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]*");

  /** The Gemini API's own layout: {@code {base}/models/{model}:{method}} (and {@code tunedModels/{id}}). */
  GeminiModelUrl GEMINI_API = (target, model, method) -> {
    String path = model.startsWith("tunedModels/")
        ? "tunedModels/" + modelId(model, "tunedModels/")
        : "models/" + modelId(model, "models/");
    return URI.create(target.baseUrl() + "/" + path + ":" + method);
  };

  /**
   * The URL of {@code method} for {@code model}.
   *
   * @param method the method and its query, e.g. {@code generateContent} or {@code streamGenerateContent?alt=sse}
   * @throws GatewayException.BadRequest when the model id cannot be a path segment
   */
  URI of(Target target, String model, String method);

  /**
   * The bare model id: {@code prefix} removed when present, checked to be one plain path segment.
   *
   * @throws GatewayException.BadRequest naming the model when it is not
   */
  static String modelId(String model, String prefix) {
    String id = model.startsWith(prefix) ? model.substring(prefix.length()) : model;
    if (!MODEL_ID.matcher(id).matches()) {
      throw GatewayException.badRequest("model: '" + model + "' (expected: a model id of letters, digits, '.', '_', "
          + "'@' or '-', such as gemini-2.5-flash)", "model");
    }
    return id;
  }
}
