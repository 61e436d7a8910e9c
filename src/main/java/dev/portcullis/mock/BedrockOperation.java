package dev.portcullis.mock;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A Bedrock runtime path, {@code /model/{modelId}/{operation}}, with the model id percent-decoded.
 *
 * @param modelId the model id, ARN or inference profile
 * @param operation {@code converse}, {@code converse-stream} or {@code invoke}
 */
record BedrockOperation(String modelId, String operation) {

  private static final String PREFIX = "/model/";

  /** The operation a path names, or null when it is not a Bedrock model path. */
  static BedrockOperation parse(String path) {
    if (!path.startsWith(PREFIX)) {
      return null;
    }
    int slash = path.indexOf('/', PREFIX.length());
    if (slash <= PREFIX.length() || path.indexOf('/', slash + 1) >= 0) {
      return null;
    }
    String id = URLDecoder.decode(path.substring(PREFIX.length(), slash).replace("+", "%2B"), StandardCharsets.UTF_8);
    return new BedrockOperation(id, path.substring(slash + 1));
  }

  /** Whether a path is served by the Bedrock endpoints (and so answers errors in Bedrock's shape). */
  static boolean isBedrock(String path) {
    return path.startsWith(PREFIX);
  }
}
