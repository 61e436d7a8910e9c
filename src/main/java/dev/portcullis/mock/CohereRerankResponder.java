package dev.portcullis.mock;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * {@code POST /v2/rerank} the way Cohere answers it: results by relevance, most relevant first, at most
 * {@code top_n}, and one billed search unit. The score is the share of the query's words found in the document,
 * so answers are the same in every run and a document that repeats the query ranks first.
 */
final class CohereRerankResponder implements CohereMockEndpoint {

  @Override
  public void answer(MockExchange exchange) {
    CohereRequestBody request = CohereRequestBody.parse(exchange.body());
    request.model();
    String query = request.string("query");
    if (query == null || query.isBlank()) {
      throw new InvalidRequestException("query", "invalid request: query must not be empty or be only whitespace");
    }
    List<String> documents = request.strings("documents");
    int topN = request.positive("top_n", documents.size());
    Set<String> queryWords = words(query);
    double[] scores = documents.stream().mapToDouble(d -> score(queryWords, words(d))).toArray();
    JsonArray results = new JsonArray();
    IntStream.range(0, documents.size()).boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparing(i -> i))
        .limit(topN)
        .forEach(i -> results.add(new JsonObject().put("index", i).put("relevance_score", scores[i])));
    JsonObject answer = new JsonObject()
        .put("id", "mock-rerank-" + exchange.sequence())
        .put("results", results)
        .put("meta", new JsonObject()
            .put("api_version", new JsonObject().put("version", "2"))
            .put("billed_units", new JsonObject().put("search_units", 1)));
    exchange.sendJson(answer.toBuffer());
  }

  private static Set<String> words(String text) {
    Set<String> words = new HashSet<>();
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }

  private static double score(Set<String> query, Set<String> document) {
    if (query.isEmpty()) {
      return 0;
    }
    long found = query.stream().filter(document::contains).count();
    return (double) found / query.size();
  }
}
