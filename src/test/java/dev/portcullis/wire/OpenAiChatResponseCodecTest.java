package dev.portcullis.wire;

import static dev.portcullis.wire.JsonTreeAssert.assertSameJson;
import static dev.portcullis.wire.JsonTreeAssert.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.model.Choice;
import dev.portcullis.model.ContentPart;
import dev.portcullis.model.FinishReason;
import dev.portcullis.model.Message;
import dev.portcullis.model.Role;
import dev.portcullis.model.ToolCall;
import dev.portcullis.model.Usage;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiChatResponseCodecTest {

  private static final byte[] DOCUMENTED = Fixtures.bytes("chat-response-tool-calls.json");

  @Test
  void documentedResponseDecodesToolCallsAndUsageDetails() {
    ChatResponse response = OpenAiChatResponseDecoder.decode(DOCUMENTED);

    assertThat(response.id()).isEqualTo("chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG");
    assertThat(response.model()).isEqualTo("o4-mini-2025-04-16");
    assertThat(response.created()).isEqualTo(1741570283L);
    assertThat(response.systemFingerprint()).isEqualTo("fp_fc9f1d7035");
    assertThat(response.serviceTier()).isEqualTo("default");
    assertThat(response.choices()).hasSize(1);
    Choice choice = response.choices().getFirst();
    assertThat(choice.index()).isZero();
    assertThat(choice.finishReason()).isSameAs(FinishReason.TOOL_CALLS);
    assertThat(choice.logprobs()).isNull();
    Message message = choice.message();
    assertThat(message.role()).isEqualTo(Role.ASSISTANT);
    assertThat(message.content()).isEmpty();
    assertThat(message.refusal()).isNull();
    assertThat(message.toolCalls()).containsExactly(
        new ToolCall("call_abc123", "get_current_weather", "{\"location\":\"Boston, MA\",\"unit\":\"celsius\"}"),
        new ToolCall("call_def456", "get_current_weather", "{\"location\":\"Madison, WI\",\"unit\":\"celsius\"}"));
    assertThat(message.extra()).containsOnlyKeys("annotations");
    assertThat(response.usage()).isEqualTo(new Usage(1117, 174, 1291, 1024, null, 128, 0, 0, 0, 0));
  }

  @Test
  void documentedResponseReEncodesToTheSameJson() {
    assertSameJson(OpenAiChatResponseEncoder.encode(OpenAiChatResponseDecoder.decode(DOCUMENTED)), DOCUMENTED);
  }

  @Test
  void aVertxBufferDecodesLikeItsBytes() {
    assertThat(OpenAiChatResponseDecoder.decode(Buffer.buffer(DOCUMENTED)))
        .isEqualTo(OpenAiChatResponseDecoder.decode(DOCUMENTED));
  }

  @Test
  void textAnswerWithLogprobsAndUnknownFieldsRoundTripsExactly() {
    byte[] body = json("""
        {"id": "chatcmpl-123", "object": "chat.completion", "created": 1677652288, "model": "sonar-pro",
         "choices": [{"index": 0,
           "message": {"role": "assistant", "content": "Hello there, how may I assist you today?", "refusal": null},
           "logprobs": {"content": [{"token": "Hello", "logprob": -0.31725305, "bytes": [72, 101, 108, 108, 111],
                                     "top_logprobs": []}], "refusal": null},
           "finish_reason": "stop"}],
         "usage": {"prompt_tokens": 9, "completion_tokens": 12, "total_tokens": 21},
         "citations": ["https://en.wikipedia.org/wiki/Greeting"]}""");

    ChatResponse response = OpenAiChatResponseDecoder.decode(body);

    assertThat(response.choices().getFirst().message().text()).isEqualTo("Hello there, how may I assist you today?");
    assertThat(response.choices().getFirst().logprobs().at("/content/0/logprob").doubleValue()).isEqualTo(-0.31725305);
    assertThat(response.usage()).isEqualTo(Usage.of(9, 12, 21));
    assertThat(response.extra()).containsOnlyKeys("citations");
    assertThat(tree(OpenAiChatResponseEncoder.encode(response))).isEqualTo(tree(body));
  }

  @Test
  void unknownFinishReasonIsKeptVerbatim() {
    ChatResponse response = OpenAiChatResponseDecoder.decode(json("""
        {"id": "gen-1", "object": "chat.completion", "created": 1, "model": "m",
         "choices": [{"index": 0, "message": {"role": "assistant", "content": "…"}, "finish_reason": "pause_turn"}]}"""));

    assertThat(response.choices().getFirst().finishReason()).isEqualTo(FinishReason.of("pause_turn"));
    assertThat(tree(OpenAiChatResponseEncoder.encode(response)).at("/choices/0/finish_reason").textValue())
        .isEqualTo("pause_turn");
  }

  @Test
  void contentGivenAsPartsIsWrittenAsOneStringAndTheAlwaysPresentFieldsAsNull() {
    Message answer = Message.of(
        Role.ASSISTANT,
        List.of(new ContentPart.Text("Bonjour"), new ContentPart.Image("https://example.com/a.png", null),
            new ContentPart.Text(" le monde")));
    ChatResponse response = new ChatResponse(
        "msg_01", "claude-sonnet-4", 1750000000L, List.of(new Choice(0, answer, null, null)), null, null, null, Map.of());

    JsonNode encoded = tree(OpenAiChatResponseEncoder.encode(response));

    assertThat(encoded.at("/choices/0/message/content").textValue()).isEqualTo("Bonjour le monde");
    assertThat(encoded.at("/choices/0/message").has("refusal")).isTrue();
    assertThat(encoded.at("/choices/0").has("logprobs")).isTrue();
    assertThat(encoded.at("/choices/0/finish_reason").isNull()).isTrue();
    assertThat(encoded.has("usage")).isFalse();
    assertThat(encoded.get("object").textValue()).isEqualTo("chat.completion");
  }

  @Test
  void unreadableProviderBodyIsA502NamingTheProblem() {
    GatewayException rejection = catchThrowableOfType(
        GatewayException.class,
        () -> OpenAiChatResponseDecoder.decode(json("{\"id\": \"x\", \"object\": \"chat.completion\", \"created\": 1, \"model\": \"m\"}")));

    assertThat(rejection.status()).isEqualTo(502);
    assertThat(rejection.getMessage())
        .isEqualTo("invalid chat completion from the provider: choices: missing (expected: an array)");
    assertThat(rejection.param()).isNull();
  }

  @Test
  void providerBodyThatIsNotJsonIsA502() {
    GatewayException rejection = catchThrowableOfType(
        GatewayException.class, () -> OpenAiChatResponseDecoder.decode(json("<html>Bad Gateway</html>")));

    assertThat(rejection.status()).isEqualTo(502);
    assertThat(rejection.getMessage()).startsWith("invalid chat completion from the provider: body is not valid JSON: ");
  }

  @Test
  void errorBodyIsRaisedAsTheProvidersError() {
    GatewayException.UpstreamError error = catchThrowableOfType(
        GatewayException.UpstreamError.class,
        () -> OpenAiChatResponseDecoder.decode(json("""
            {"error": {"message": "Rate limit reached for requests", "type": "requests",
                       "param": null, "code": "rate_limit_exceeded"}}""")));

    assertThat(error.type()).isEqualTo("requests");
    assertThat(error.getMessage()).isEqualTo("Rate limit reached for requests");
    assertThat(error.code()).isEqualTo("rate_limit_exceeded");
  }

  @Test
  void errorGivenAsAPlainStringKeepsItsText() {
    GatewayException.UpstreamError error = catchThrowableOfType(
        GatewayException.UpstreamError.class,
        () -> OpenAiChatResponseDecoder.decode(json("{\"error\": \"model is overloaded\"}")));

    assertThat(error.getMessage()).isEqualTo("model is overloaded");
    assertThat(error.type()).isEqualTo("api_error");
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
