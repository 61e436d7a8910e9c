package dev.portcullis.provider.bedrock;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The URL of an operation on one model, {@code {base}/model/{modelId}/{operation}}. The model id is one path segment,
 * percent-encoded as AWS's SDKs do (every byte but letters, digits and {@code -._~}), so ARNs and versioned ids such
 * as {@code anthropic.claude-3-5-haiku-20241022-v1:0} reach Bedrock intact.
 */
final class BedrockModelPath {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private BedrockModelPath() {}

  static URI url(URI base, String modelId, String operation) {
    return URI.create(base + "/model/" + encode(modelId) + "/" + operation);
  }

  static String encode(String segment) {
    StringBuilder out = new StringBuilder(segment.length() + 8);
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
    }
    return out.toString();
  }
}
