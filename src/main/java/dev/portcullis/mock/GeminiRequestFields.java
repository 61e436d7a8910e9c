package dev.portcullis.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The few fields of a Gemini request body that change the mock's answer.
 *
 * @param toolName the first function declaration's name, or null when the request declares none
 * @param candidates {@code generationConfig.candidateCount}, 1 when not given
 * @param texts the texts to embed: {@code content.parts} of {@code embedContent}, each request of
 *     {@code batchEmbedContents}, each instance of Vertex's {@code predict}
 */
record GeminiRequestFields(String toolName, int candidates, List<String> texts) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_CANDIDATES = 8;

  /**
   * @throws InvalidRequestException when the body is not a JSON object or a read field is out of range
   */
  static GeminiRequestFields parse(Buffer body) {
    JsonNode json;
    try {
      json = JSON.readTree(body.getBytes());
    } catch (IOException e) {
      throw new InvalidRequestException(null, "Invalid JSON payload received: not JSON.");
    }
    if (json == null || !json.isObject()) {
      throw new InvalidRequestException(null, "Invalid JSON payload received. Expected an object.");
    }
    JsonNode declarations = json.path("tools").path(0).path("functionDeclarations");
    String toolName = declarations.path(0).path("name").textValue();
    JsonNode count = json.path("generationConfig").path("candidateCount");
    int candidates = count.isMissingNode() ? 1 : count.asInt(0);
    if (candidates < 1 || candidates > MAX_CANDIDATES) {
      throw new InvalidRequestException("generationConfig.candidateCount",
          "* GenerateContentRequest.generation_config.candidate_count: must be 1.." + MAX_CANDIDATES);
    }
    List<String> texts = new ArrayList<>();
    if (json.has("content")) {
      texts.add(text(json.get("content")));
    }
    json.path("requests").forEach(request -> texts.add(text(request.path("content"))));
    json.path("instances").forEach(instance -> texts.add(instance.path("content").asText()));
    return new GeminiRequestFields(toolName, candidates, List.copyOf(texts));
  }

  /** The text parts of a {@code Content}, joined. */
  private static String text(JsonNode content) {
    StringBuilder text = new StringBuilder();
    content.path("parts").forEach(part -> text.append(part.path("text").asText()));
    return text.toString();
  }
}
