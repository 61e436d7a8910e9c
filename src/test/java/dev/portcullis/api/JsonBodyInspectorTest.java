package dev.portcullis.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class JsonBodyInspectorTest {

  private static InboundBody inspect(String json) {
    return JsonBodyInspector.inspect(Buffer.buffer(json));
  }

  @Test
  void readsModelAndStreamFlag() {
    InboundBody b = inspect("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"model\":\"openai/gpt-4o\",\"stream\":true}");
    assertThat(b.model()).isEqualTo("openai/gpt-4o");
    assertThat(b.stream()).isTrue();
  }

  @Test
  void patchingTheModelChangesOnlyTheModelBytes() {
    String original = "{ \"model\" : \"@prod/gpt-4o\", \"x_unknown\": {\"keep\": [1, 2.50, \"é\"]}, \"n\":1 }";
    InboundBody b = inspect(original);
    assertThat(b.withModel("gpt-4o").toString())
        .isEqualTo("{ \"model\" : \"gpt-4o\", \"x_unknown\": {\"keep\": [1, 2.50, \"é\"]}, \"n\":1 }");
  }

  @Test
  void streamWithoutStreamOptionsMayAskForUsageWhichIsAddedAsTheLastField() {
    InboundBody b = inspect("{\"model\":\"gpt-4o\",\"stream\":true} \n");
    assertThat(b.mayAskForUsage()).isTrue();
    assertThat(InboundBody.askingForUsage(b.withModel("gpt-4o-mini")).toString())
        .isEqualTo("{\"model\":\"gpt-4o-mini\",\"stream\":true,\"stream_options\":{\"include_usage\":true}} \n");
  }

  @Test
  void clientStreamOptionsOrNoStreamLeaveTheBodyAlone() {
    assertThat(inspect("{\"stream\":true,\"stream_options\":{\"include_usage\":false}}").mayAskForUsage()).isFalse();
    assertThat(inspect("{\"stream\":true,\"stream_options\":null}").mayAskForUsage()).isFalse();
    assertThat(inspect("{\"stream\":false}").mayAskForUsage()).isFalse();
  }

  @Test
  void unchangedModelReturnsTheSameBuffer() {
    InboundBody b = inspect("{\"model\":\"gpt-4o\"}");
    assertThat(b.withModel("gpt-4o")).isSameAs(b.bytes());
  }

  @Test
  void escapedModelIsPatchedWhole() {
    InboundBody b = inspect("{\"model\":\"@k/a\\\"b\",\"z\":1}");
    assertThat(b.model()).isEqualTo("@k/a\"b");
    assertThat(b.withModel("a\"c").toString()).isEqualTo("{\"model\":\"a\\\"c\",\"z\":1}");
  }

  @Test
  void malformedJsonNamesLineAndColumn() {
    assertThatThrownBy(() -> inspect("{\"model\": \"gpt-4o\",\n \"messages\": [}"))
        .isInstanceOf(GatewayException.BadRequest.class)
        .hasMessageStartingWith("request body is not valid JSON: ")
        .hasMessageContaining("at line 2, column");
  }

  @Test
  void modelOfWrongTypeIsRefused() {
    assertThatThrownBy(() -> inspect("{\"model\": 4}"))
        .hasMessage("model: a number (expected: a string)");
  }

  @Test
  void streamOfWrongTypeIsRefused() {
    assertThatThrownBy(() -> inspect("{\"model\":\"m\",\"stream\":\"yes\"}"))
        .hasMessage("stream: a string (expected: true or false)");
  }

  @Test
  void bodyThatIsNotAnObjectIsRefused() {
    assertThatThrownBy(() -> inspect("[1,2]")).hasMessage("request body is an array (expected: a JSON object)");
  }

  @Test
  void trailingContentIsRefused() {
    assertThatThrownBy(() -> inspect("{\"model\":\"m\"} {}"))
        .hasMessage("request body is not valid JSON: content after the top-level object (expected: one JSON object)");
  }
}
