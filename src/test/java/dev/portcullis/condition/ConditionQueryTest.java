package dev.portcullis.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.error.GatewayException;
import dev.portcullis.routing.config.RoutingFacts;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionQueryTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ConditionQueryParser PARSER = new ConditionQueryParser(Set.of("url.pathname"),
      "x-portkey-config");

  private static final RoutingFacts FACTS = new RoutingFacts(
      Map.of("plan", "paid", "tier", "3", "region", "eu-west", "score", "0.75", "name", "Ada", "budget", "1e3",
          "build", "12abc", "delta", "-0.5"),
      json("""
          {"model": "gpt-4o", "temperature": 0.7, "max_tokens": 1000, "stream": true, "user": null,
           "messages": [{"role": "system", "content": "hi"}], "response_format": {"type": "json_object"}}
          """),
      "/v1/chat/completions");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      # $eq, explicit and implicit, with numeric reading of strings when the other side is a number
      {"metadata.plan": {"$eq": "paid"}}                              | true
      {"metadata.plan": {"$eq": "free"}}                              | false
      {"metadata.plan": "paid"}                                       | true
      {"metadata.tier": {"$eq": 3}}                                   | true
      {"metadata.tier": {"$eq": "3.0"}}                               | false
      {"params.temperature": {"$eq": "0.70"}}                         | true
      {"params.stream": {"$eq": true}}                                | true
      {"params.user": {"$eq": null}}                                  | true
      {"metadata.missing": {"$eq": null}}                             | true
      {"metadata.missing": {"$eq": "x"}}                              | false
      {"params.response_format": {"$eq": {"type": "json_object"}}}    | true
      {"url.pathname": "/v1/chat/completions"}                        | true
      {"params.messages.0.role": "system"}                            | true
      {"params.messages.1.role": "system"}                            | false
      # $ne
      {"metadata.plan": {"$ne": "free"}}                              | true
      {"metadata.plan": {"$ne": "paid"}}                              | false
      {"metadata.missing": {"$ne": "paid"}}                           | true
      {"metadata.tier": {"$ne": 3}}                                   | false
      # $gt $gte $lt $lte, numbers and numeric strings on either side
      {"params.temperature": {"$gt": 0.5}}                            | true
      {"params.temperature": {"$gt": 0.7}}                            | false
      {"params.temperature": {"$gte": 0.7}}                           | true
      {"params.max_tokens": {"$lt": 1000}}                            | false
      {"params.max_tokens": {"$lte": 1000}}                           | true
      {"params.max_tokens": {"$lt": "2000"}}                          | true
      {"metadata.tier": {"$gte": 2}}                                  | true
      {"metadata.score": {"$lt": 1}}                                  | true
      {"metadata.score": {"$lte": 0.5}}                               | false
      {"metadata.plan": {"$gt": 1}}                                   | false
      {"metadata.missing": {"$lt": 5}}                                | false
      {"metadata.budget": {"$eq": 1000}}                              | true
      {"metadata.delta": {"$lt": 0}}                                  | true
      {"metadata.build": {"$gt": 1}}                                  | false
      {"metadata.build": {"$in": [12]}}                               | false
      {"params.temperature": {"$gt": 0.5, "$lt": 0.8}}                | true
      {"params.temperature": {"$gt": 0.5, "$lt": 0.6}}                | false
      # $in $nin
      {"params.model": {"$in": ["gpt-4o", "gpt-4o-mini"]}}            | true
      {"params.model": {"$in": ["claude-sonnet"]}}                    | false
      {"metadata.tier": {"$in": [1, 2, 3]}}                           | true
      {"metadata.missing": {"$in": ["x"]}}                            | false
      {"params.model": {"$nin": ["claude-sonnet"]}}                   | true
      {"params.model": {"$nin": ["gpt-4o"]}}                          | false
      {"metadata.missing": {"$nin": ["x"]}}                           | true
      # $regex searches the value's text
      {"params.model": {"$regex": "^gpt-4"}}                          | true
      {"params.model": {"$regex": "claude"}}                          | false
      {"metadata.region": {"$regex": "eu"}}                           | true
      {"params.max_tokens": {"$regex": "^10+$"}}                      | true
      {"params.messages": {"$regex": "."}}                            | false
      {"metadata.missing": {"$regex": ".*"}}                          | false
      {"url.pathname": {"$regex": "embeddings$"}}                     | false
      # several keys must all match; an empty query matches everything
      {"metadata.plan": "paid", "params.model": "gpt-4o"}             | true
      {"metadata.plan": "paid", "params.model": "claude-sonnet"}      | false
      {}                                                              | true
      # $and / $or
      {"$and": [{"metadata.plan": "paid"}, {"params.stream": true}]}  | true
      {"$and": [{"metadata.plan": "paid"}, {"params.stream": false}]} | false
      {"$or": [{"metadata.plan": "free"}, {"params.stream": true}]}   | true
      {"$or": [{"metadata.plan": "free"}, {"params.stream": false}]}  | false
      {"$or": [{"metadata.plan": "free"}, {"$and": [{"params.temperature": {"$gte": 0.5}}, {"$or": [{"metadata.region": {"$regex": "^us"}}, {"params.model": {"$in": ["gpt-4o"]}}]}]}]} | true
      {"$or": [{"metadata.plan": "free"}, {"$and": [{"params.temperature": {"$gte": 0.5}}, {"$or": [{"metadata.region": {"$regex": "^us"}}, {"params.model": {"$in": ["o1"]}}]}]}]}     | false
      {"$and": [{"$or": [{"$and": [{"metadata.plan": "paid"}, {"metadata.tier": {"$gt": 2}}]}, {"metadata.name": "Bob"}]}, {"url.pathname": {"$ne": "/v1/embeddings"}}]}        | true
      {"$and": [{"$or": [{"$and": [{"metadata.plan": "paid"}, {"metadata.tier": {"$gt": 3}}]}, {"metadata.name": "Bob"}]}, {"url.pathname": {"$ne": "/v1/embeddings"}}]}        | false
      """)
  void queryMatchesTheRequestFacts(String query, boolean matches) {
    assertThat(PARSER.parse(json(query), "query").matches(FACTS)).isEqualTo(matches);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      {"$not": [{"metadata.plan": "paid"}]}     | query: unknown operator '$not' (expected: $and, $or, metadata.<key>, params.<path> or url.pathname)
      {"user.plan": "paid"}                     | query: 'user.plan' (expected: $and, $or, metadata.<key>, params.<path> or url.pathname)
      {"metadata.": "paid"}                     | query: 'metadata.' (expected: $and, $or, metadata.<key>, params.<path> or url.pathname)
      {"params.a..b": 1}                        | query: 'params.a..b' (expected: $and, $or, metadata.<key>, params.<path> or url.pathname)
      {"params.model": {"$exists": true}}       | query.params.model: unknown operator '$exists' (expected: one of $eq, $ne, $gt, $gte, $lt, $lte, $in, $nin, $regex)
      {"params.model": {}}                      | query.params.model: an empty object (expected: a value, or operators such as {"$eq": ...})
      {"params.temperature": {"$gt": "warm"}}   | query.params.temperature.$gt: 'warm' (expected: a number)
      {"params.model": {"$in": "gpt-4o"}}       | query.params.model.$in: 'gpt-4o' (expected: an array of values)
      {"params.model": {"$regex": 4}}           | query.params.model.$regex: 4 (expected: a regular expression as a string)
      {"params.model": {"$regex": "(gpt"}}      | query.params.model.$regex: '(gpt' (expected: a valid regular expression; Unclosed group near index 4)
      {"$and": {"metadata.plan": "paid"}}       | query.$and: an object (expected: a non-empty array of queries)
      {"$or": []}                               | query.$or: empty (expected: a non-empty array of queries)
      {"$or": [{"$and": ["paid"]}]}             | query.$or[0].$and[0]: 'paid' (expected: an object of conditions)
      """)
  void queryThatCannotBeEvaluatedIsRefusedAtParseTime(String query, String message) {
    GatewayException e = catchThrowableOfType(GatewayException.class,
        () -> PARSER.parse(json(query), "query"));
    assertThat(e).hasMessage(message);
    assertThat(e.param()).isEqualTo("x-portkey-config");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      {"params.model": {"$in": ["gpt-4o"]}, "metadata.plan": "paid"} | (params.model $in ["gpt-4o"] and metadata.plan $eq "paid")
      {"$or": [{"url.pathname": {"$regex": "^/v1"}}, {"metadata.tier": {"$gte": 2}}]} | (url.pathname $regex "^/v1" or metadata.tier $gte 2)
      """)
  void queryReadsBackAsWritten(String query, String text) {
    assertThat(PARSER.parse(json(query), "query")).hasToString(text);
  }

  @Test
  void regexLongerThan500CharactersIsRefused() {
    GatewayException e = catchThrowableOfType(GatewayException.class, () -> PARSER.parse(
        json("{\"params.model\": {\"$regex\": \"" + "a".repeat(501) + "\"}}"), "query"));
    assertThat(e).hasMessage(
        "query.params.model.$regex: 501 characters (expected: a regular expression of at most 500)");
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
