package dev.portcullis.mock;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Gemini model method in a request path: the Gemini API's {@code /v1beta/models/{model}:{method}}, or Vertex AI's
 * {@code /v1/projects/{project}/locations/{location}/publishers/google/models/{model}:{method}}.
 *
 * @param model the model id
 * @param method what is asked of it: {@code generateContent}, {@code streamGenerateContent}, {@code embedContent},
 *     {@code batchEmbedContents} or {@code predict}
 */
record GeminiPath(String model, String method) {

  private static final Pattern GEMINI_API = Pattern.compile("/v1beta/models/([^/:]+):([A-Za-z]+)");
  private static final Pattern VERTEX =
      Pattern.compile("/v1/projects/[^/]+/locations/[^/]+/publishers/google/models/([^/:]+):([A-Za-z]+)");

  /** The model method a path names, or null when it names none. */
  static GeminiPath parse(String path) {
    Matcher m = GEMINI_API.matcher(path);
    if (!m.matches()) {
      m = VERTEX.matcher(path);
      if (!m.matches()) {
        return null;
      }
    }
    return new GeminiPath(m.group(1), m.group(2));
  }
}
