package dev.portcullis.mock;

/**
 * Azure OpenAI's paths, read as the OpenAI paths they answer like: {@code /openai/deployments/<id>/chat/completions}
 * and {@code /openai/v1/chat/completions} are {@code /v1/chat/completions}. Bodies are OpenAI's on both.
 */
final class AzurePath {

  private static final String DEPLOYMENTS = "/openai/deployments/";
  private static final String V1 = "/openai/v1/";

  private AzurePath() {}

  static String asOpenAi(String path) {
    if (path.startsWith(DEPLOYMENTS)) {
      int slash = path.indexOf('/', DEPLOYMENTS.length());
      return slash < 0 ? path : "/v1" + path.substring(slash);
    }
    if (path.startsWith(V1)) {
      return path.substring("/openai".length());
    }
    return path;
  }
}
