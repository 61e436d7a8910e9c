package dev.portcullis.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.portcullis.error.GatewayException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OpenAiChatRequestValidationTest {

  private static final String HI = "{\"role\": \"user\", \"content\": \"hi\"}";

  static Stream<Arguments> badBodies() {
    return Stream.of(
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": [" + HI + ", {\"role\": \"assistant\", \"content\": \"yo\"},"
                + " {\"role\": \"robot\", \"content\": \"beep\"}]}",
            "messages[2].role: 'robot' (expected one of: system, developer, user, assistant, tool)",
            "messages[2].role"),
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": [" + HI + "], \"temperature\": \"hot\"}",
            "temperature: \"hot\" (expected: a number)",
            "temperature"),
        rejected("{\"model\": \"gpt-4o\"}", "messages: missing (expected: a non-empty array)", "messages"),
        rejected("{\"model\": \"gpt-4o\", \"messages\": []}", "messages: [] (expected: a non-empty array)", "messages"),
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": \"hi\"}", "messages: \"hi\" (expected: a non-empty array)", "messages"),
        rejected("{\"model\": \"gpt-4o\", \"messages\": [\"hi\"]}", "messages[0]: \"hi\" (expected: an object)", "messages[0]"),
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": [{\"content\": \"hi\"}]}",
            "messages[0].role: missing (expected one of: system, developer, user, assistant, tool)",
            "messages[0].role"),
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\"}]}",
            "messages[0].content: missing (expected: a string or an array of content parts)",
            "messages[0].content"),
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": 42}]}",
            "messages[0].content: 42 (expected: a string or an array of content parts)",
            "messages[0].content"),
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"video\"}]}]}",
            "messages[0].content[0].type: 'video' (expected one of: text, image_url, input_audio, file)",
            "messages[0].content[0].type"),
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\","
                + " \"image_url\": {\"detail\": \"low\"}}]}]}",
            "messages[0].content[0].image_url.url: missing (expected: a string)",
            "messages[0].content[0].image_url.url"),
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"file\","
                + " \"file\": {\"filename\": \"a.pdf\"}}]}]}",
            "messages[0].content[0].file: {\"filename\":\"a.pdf\"} (expected: an object with a file_id or file_data)",
            "messages[0].content[0].file"),
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": [" + HI + ", {\"role\": \"assistant\", \"tool_calls\": [{\"id\":"
                + " \"call_1\", \"type\": \"function\", \"function\": {\"name\": \"f\", \"arguments\": {\"a\": 1}}}]}]}",
            "messages[1].tool_calls[0].function.arguments: {\"a\":1} (expected: a string)",
            "messages[1].tool_calls[0].function.arguments"),
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"tool\", \"content\": \"22C\"}]}",
            "messages[0].tool_call_id: missing (expected: a string)",
            "messages[0].tool_call_id"),
        rejected("{\"messages\": [" + HI + "]}", "model: missing (expected: a string)", "model"),
        rejected("{\"model\": \"\", \"messages\": [" + HI + "]}", "model: \"\" (expected: a model name)", "model"),
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": [" + HI + "], \"tools\": [{\"type\": \"custom\", \"custom\": {}}]}",
            "tools[0].type: 'custom' (expected: function)",
            "tools[0].type"),
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": [" + HI + "], \"tools\": [{\"type\": \"function\","
                + " \"function\": {\"description\": \"no name\"}}]}",
            "tools[0].function.name: missing (expected: a string)",
            "tools[0].function.name"),
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": [" + HI + "], \"tool_choice\": \"sometimes\"}",
            "tool_choice: 'sometimes' (expected one of: none, auto, required)",
            "tool_choice"),
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": [" + HI + "], \"tool_choice\": true}",
            "tool_choice: true (expected: one of none, auto, required, or an object naming a function)",
            "tool_choice"),
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": [" + HI + "], \"response_format\": {\"type\": \"yaml\"}}",
            "response_format.type: 'yaml' (expected one of: text, json_object, json_schema)",
            "response_format.type"),
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": [" + HI + "], \"response_format\": {\"type\": \"json_schema\"}}",
            "response_format.json_schema: missing (expected: an object)",
            "response_format.json_schema"),
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": [" + HI + "], \"max_completion_tokens\": 1.5}",
            "max_completion_tokens: 1.5 (expected: an integer)",
            "max_completion_tokens"),
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": [" + HI + "], \"n\": 99999999999}",
            "n: 99999999999 (expected: an integer)",
            "n"),
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": [" + HI + "], \"stream\": \"yes\"}",
            "stream: \"yes\" (expected: a boolean)",
            "stream"),
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": [" + HI + "], \"stream_options\": {\"include_usage\": 1}}",
            "stream_options.include_usage: 1 (expected: a boolean)",
            "stream_options.include_usage"),
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": [" + HI + "], \"stop\": [\"a\", 5]}",
            "stop: [\"a\",5] (expected: a string or an array of strings)",
            "stop"),
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": [" + HI + "], \"logit_bias\": {\"50256\": \"-100\"}}",
            "logit_bias.50256: \"-100\" (expected: an integer)",
            "logit_bias.50256"),
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": [" + HI + "], \"metadata\": {\"team\": 7}}",
            "metadata.team: 7 (expected: a string)",
            "metadata.team"),
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": [" + HI + "], \"user\": [\"" + "x".repeat(200) + "\"]}",
            "user: [\"" + "x".repeat(55) + "... (expected: a string)",
            "user"));
  }

  static Stream<Arguments> malformedBodies() {
    return Stream.of(
        rejected(
            "{\"model\": \"gpt-4o\", \"messages\": [",
            "request body is not valid JSON: Unexpected end-of-input: expected close marker for Array"
                + " (start marker at line 1 column 33) at line 1 column 34",
            null),
        rejected(
            "{\n  \"model\": \"gpt-4o\",\n  \"messages\": [}\n",
            "request body is not valid JSON: Unexpected close marker '}': expected ']'"
                + " (for Array starting at line 3 column 15) at line 3 column 16",
            null),
        rejected(
            "{\"model\": 'gpt-4o'}",
            "request body is not valid JSON: Unexpected character (''' (code 39)): expected a valid value"
                + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false') at line 1 column 11",
            null),
        rejected(
            "{\"model\": \"gpt-4o\"} {\"messages\": []}",
            "request body is not valid JSON: more content after the JSON value at line 1 column 21",
            null),
        rejected("", "request body is empty (expected: a JSON object)", null),
        rejected("  \n", "request body is empty (expected: a JSON object)", null),
        rejected("[{\"role\": \"user\"}]", "request body: [{\"role\":\"user\"}] (expected: a JSON object)", null));
  }

  @ParameterizedTest
  @MethodSource("badBodies")
  void badFieldIsA400NamingPathValueAndExpectation(String body, String message, String param) {
    assertRejected(body, message, param);
  }

  @ParameterizedTest
  @MethodSource("malformedBodies")
  void malformedBodyIsA400SayingWhereJsonBroke(String body, String message, String param) {
    assertRejected(body, message, param);
  }

  private static void assertRejected(String body, String message, String param) {
    GatewayException.BadRequest rejection = catchThrowableOfType(
        GatewayException.BadRequest.class,
        () -> OpenAiChatRequestDecoder.decode(body.getBytes(StandardCharsets.UTF_8)));

    assertThat(rejection).as("rejection of %s", body).isNotNull();
    assertThat(rejection.getMessage()).isEqualTo(message);
    assertThat(rejection.param()).isEqualTo(param);
    assertThat(rejection.status()).isEqualTo(400);
    assertThat(rejection.getStackTrace()).isEmpty();
  }

  private static Arguments rejected(String body, String message, String param) {
    return Arguments.of(body, message, param);
  }
}
