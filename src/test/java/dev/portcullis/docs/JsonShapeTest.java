package dev.portcullis.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonShapeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void ellipsesOutsideStringsStandForWhatThePageLeavesOut() {
    assertThat(JsonShape.withoutEllipses("{\"id\": \"ws-3f1c...\", \"limits\": {...}, ...}"))
        .isEqualTo("{\"id\": \"ws-3f1c...\", \"limits\": {} }");
    assertThat(JsonShape.withoutEllipses("{..., \"key\": \"pcl-…\"}")).isEqualTo("{ \"key\": \"pcl-…\"}");
    assertThat(JsonShape.withoutEllipses("[{\"a\": 1}, ...]")).isEqualTo("[{\"a\": 1} ]");
  }

  @Test
  void anAnswerWithEveryShownFieldOfTheShownTypeHasTheShape() {
    JsonShape shape = JsonShape.parse("{\"object\": \"list\", \"data\": [{\"id\": \"...\", \"status\": 200, ...}], "
        + "\"next_cursor\": null}");

    assertThat(shape.mismatches(json("{\"object\": \"x\", \"data\": [{\"id\": \"a\", \"status\": 404, \"more\": 1},"
        + " {}], \"next_cursor\": \"c\", \"extra\": true}"))).isEmpty();
  }

  @Test
  void aMissingFieldAWrongTypeOrTooFewElementsAreNamedByPath() {
    JsonShape shape = JsonShape.parse("{\"valid\": true, \"head_seq\": 42, \"data\": [{\"id\": \"x\"}]}");

    assertThat(shape.mismatches(json("{\"valid\": \"yes\", \"data\": []}"))).containsExactly(
        "$.valid: string (the page shows boolean)",
        "$.head_seq: missing (the page shows it)",
        "$.data: 0 elements (the page shows 1)");
  }

  @Test
  void aBlockThatIsNotJsonApartFromEllipsesIsRefused() {
    assertThatThrownBy(() -> JsonShape.parse("{\"a\": 1} {\"b\": 2}"))
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> JsonShape.parse("{'a': 1}")).hasMessageContaining("not JSON");
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
