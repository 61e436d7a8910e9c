package dev.portcullis.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.EndpointCodec;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.provider.Target;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The gateway's {@code POST /v1/rerank} through Cohere's {@code POST /v2/rerank}. The gateway's request format is
 * Cohere's v2 one ({@code model, query, documents, top_n, max_tokens_per_doc}), plus {@code return_documents},
 * which the gateway answers itself since Cohere v2 no longer returns documents; a document may also be given as
 * {@code {"text": "..."}}. The answer is {@code {"object":"list","id","model","results":[{"index",
 * "relevance_score","document"?}],"usage"}}, results in Cohere's order (most relevant first).
 */
final class CohereRerankCodec implements EndpointCodec {

  private static final Set<String> READ =
      Set.of("model", "query", "documents", "top_n", "max_tokens_per_doc", "return_documents");
  private static final String DOCUMENTS_EXPECTED = "(expected: a non-empty array of strings or {\"text\": ...} "
      + "objects)";

  @Override
  public WireRequest request(JsonNode body, Target target, boolean strict) {
    CohereEndpointFields.object(body);
    List<String> dropped = CohereEndpointFields.dropped(body, READ, strict);
    String query = CohereEndpointFields.string(body, "query");
    if (query == null) {
      throw GatewayException.badRequest("query: missing (expected: the search query, a string)", "query");
    }
    returnDocuments(body);
    ObjectNode out = CohereJson.object();
    out.put("model", CohereEndpointFields.model(body, target.model()));
    out.put("query", query);
    out.set("documents", documents(body));
    for (String field : List.of("top_n", "max_tokens_per_doc")) {
      Integer value = CohereEndpointFields.positive(body, field);
      if (value != null) {
        out.put(field, value);
      }
    }
    return WireRequest.postJson(URI.create(target.baseUrl() + "/rerank"), CohereJson.bytes(out), dropped);
  }

  @Override
  public byte[] response(Buffer providerBody, JsonNode requestBody, Target target) {
    ObjectNode root = CohereJson.readObject(providerBody, "rerank response");
    JsonNode results = root.get("results");
    if (results == null || !results.isArray()) {
      throw CohereJson.invalid("rerank response has no results array");
    }
    ArrayNode documents = returnDocuments(requestBody) ? documents(requestBody) : null;
    ObjectNode out = CohereJson.object().put("object", "list");
    if (CohereJson.text(root, "id") != null) {
      out.put("id", CohereJson.text(root, "id"));
    }
    out.put("model", CohereEndpointFields.model(requestBody, target.model()));
    ArrayNode ranked = out.putArray("results");
    for (int i = 0; i < results.size(); i++) {
      JsonNode result = results.get(i);
      Integer index = CohereJson.integer(result, "index");
      JsonNode score = result.get("relevance_score");
      if (index == null || score == null || !score.isNumber()) {
        throw CohereJson.invalid("rerank response results[" + i + "] has no " + (index == null ? "index"
            : "relevance_score number"));
      }
      ObjectNode item = ranked.addObject().put("index", index);
      item.set("relevance_score", score);
      if (documents != null) {
        if (index < 0 || index >= documents.size()) {
          throw CohereJson.invalid("rerank response results[" + i + "].index " + index + " names no document");
        }
        item.putObject("document").put("text", documents.get(index).textValue());
      }
    }
    usage(root.path("meta"), out);
    return CohereJson.bytes(out);
  }

  /** Search units as Cohere bills them, and the input tokens when Cohere reports them. */
  private static void usage(JsonNode meta, ObjectNode out) {
    Integer searchUnits = CohereJson.integer(meta.path("billed_units"), "search_units");
    Integer tokens = CohereJson.integer(meta.path("tokens"), "input_tokens");
    if (searchUnits == null && tokens == null) {
      return;
    }
    ObjectNode usage = out.putObject("usage");
    if (searchUnits != null) {
      usage.put("search_units", searchUnits);
    }
    if (tokens != null) {
      usage.put("prompt_tokens", tokens).put("total_tokens", tokens);
    }
  }

  /** The documents as the strings Cohere takes. */
  private static ArrayNode documents(JsonNode body) {
    JsonNode documents = body.get("documents");
    if (documents == null || documents.isNull()) {
      throw GatewayException.badRequest("documents: missing " + DOCUMENTS_EXPECTED, "documents");
    }
    if (!documents.isArray() || documents.isEmpty()) {
      throw GatewayException.badRequest("documents: " + (documents.isArray() ? "an empty array" : "a "
          + documents.getNodeType().name().toLowerCase(Locale.ROOT)) + " " + DOCUMENTS_EXPECTED, "documents");
    }
    ArrayNode texts = CohereJson.MAPPER.createArrayNode();
    for (int i = 0; i < documents.size(); i++) {
      JsonNode document = documents.get(i);
      String text = document.isTextual() ? document.textValue() : CohereJson.text(document, "text");
      if (text == null) {
        throw GatewayException.badRequest("documents[" + i + "]: neither a string nor an object with a \"text\" "
            + "string " + DOCUMENTS_EXPECTED, "documents");
      }
      texts.add(text);
    }
    return texts;
  }

  private static boolean returnDocuments(JsonNode body) {
    JsonNode value = body.get("return_documents");
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw GatewayException.badRequest("return_documents: " + value + " (expected: true or false)",
          "return_documents");
    }
    return value.booleanValue();
  }
}
