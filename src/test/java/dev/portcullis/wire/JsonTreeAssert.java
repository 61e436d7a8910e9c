package dev.portcullis.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;

/**
 * Asserts two JSON documents are equal as trees (field order ignored) under the OpenAI wire's own equivalences:
 * a field set to null is the same as an absent one, and {@code 1} is the same number as {@code 1.0}.
 */
final class JsonTreeAssert {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> a.equals(b)
      || a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;

  private JsonTreeAssert() {}

  static void assertSameJson(byte[] actual, byte[] expected) {
    JsonNode actualTree = withoutNullFields(tree(actual));
    JsonNode expectedTree = withoutNullFields(tree(expected));
    assertThat(actualTree.equals(SAME_VALUE, expectedTree))
        .as("same JSON%n actual:   %s%n expected: %s", actualTree, expectedTree)
        .isTrue();
  }

  static JsonNode tree(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(new String(json, StandardCharsets.UTF_8), e);
    }
  }

  private static JsonNode withoutNullFields(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (!field.getValue().isNull()) {
          copy.set(field.getKey(), withoutNullFields(field.getValue()));
        }
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> copy.add(withoutNullFields(element)));
      return copy;
    }
    return node;
  }
}
