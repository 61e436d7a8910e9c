package dev.portcullis.mock;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;

/**
 * Google's embedding methods: the Gemini API's {@code embedContent} ({@code {"embedding":{"values"}}}) and
 * {@code batchEmbedContents} ({@code {"embeddings":[...]}}), and Vertex AI's {@code predict}
 * ({@code {"predictions":[{"embeddings":{"statistics","values"}}]}}); the vectors are those of the OpenAI embeddings
 * endpoint for the same text. Errors use Google's shape.
 */
final class GeminiEmbeddingResponder implements MockEndpoint {

  private static final BodyTemplate VALUES = BodyTemplate.compile("{\"values\":{{vector}}}");
  private static final BodyTemplate PREDICTION = BodyTemplate.compile(
      "{\"embeddings\":{\"statistics\":{\"truncated\":false,\"token_count\":{{tokens}}},\"values\":{{vector}}}}");

  @Override
  public void answer(MockExchange exchange) {
    String method = GeminiPath.parse(exchange.request().path()).method();
    List<String> texts = GeminiRequestFields.parse(exchange.body()).texts();
    if (texts.isEmpty()) {
      throw new InvalidRequestException("content", "* EmbedContentRequest.content: contents is not specified");
    }
    StringBuilder body = new StringBuilder(switch (method) {
      case "embedContent" -> "{\"embedding\":";
      case "batchEmbedContents" -> "{\"embeddings\":[";
      default -> "{\"predictions\":[";
    });
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      Map<String, String> values = Map.of("vector", EmbeddingResponder.floats(EmbeddingResponder.vector(text)),
          "tokens", Integer.toString(Math.max(1, text.length() / 4)));
      (method.equals("predict") ? PREDICTION : VALUES).render(i == 0 ? body : body.append(','), values);
      if (method.equals("embedContent")) {
        break;
      }
    }
    exchange.sendJson(Buffer.buffer(body.append(method.equals("embedContent") ? "}" : "]}")
        .toString()));
  }

  @Override
  public void fail(MockExchange exchange, int status, String message, String param) {
    GoogleErrorReply.send(exchange.request().response(), exchange.sequence(), status, message);
  }
}
