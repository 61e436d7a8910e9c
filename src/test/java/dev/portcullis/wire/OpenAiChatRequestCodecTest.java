package dev.portcullis.wire;

import static dev.portcullis.wire.JsonTreeAssert.assertSameJson;
import static dev.portcullis.wire.JsonTreeAssert.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ContentPart;
import dev.portcullis.model.DataUrl;
import dev.portcullis.model.MaxTokens;
import dev.portcullis.model.Message;
import dev.portcullis.model.ResponseFormat;
import dev.portcullis.model.Role;
import dev.portcullis.model.Tool;
import dev.portcullis.model.ToolCall;
import dev.portcullis.model.ToolChoice;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiChatRequestCodecTest {

  private static final byte[] DOCUMENTED = Fixtures.bytes("chat-request-tools-vision.json");

  @Test
  void documentedRequestDecodesEveryField() {
    ChatRequest request = OpenAiChatRequestDecoder.decode(DOCUMENTED);

    assertThat(request.model()).isEqualTo("gpt-4.1");
    assertThat(request.messages()).extracting(Message::role)
        .containsExactly(Role.DEVELOPER, Role.USER, Role.ASSISTANT, Role.TOOL);

    Message developer = request.messages().get(0);
    assertThat(developer.contentForm()).isEqualTo(Message.ContentForm.STRING);
    assertThat(developer.text()).isEqualTo("You describe photos and report the current weather at the place shown.");

    Message user = request.messages().get(1);
    assertThat(user.name()).isEqualTo("ada");
    assertThat(user.contentForm()).isEqualTo(Message.ContentForm.PARTS);
    assertThat(user.content()).hasSize(3);
    assertThat(user.content().get(0))
        .isEqualTo(new ContentPart.Text("What is in this image, and what is the weather like there today?"));
    ContentPart.Image remote = (ContentPart.Image) user.content().get(1);
    assertThat(remote.url()).startsWith("https://upload.wikimedia.org/");
    assertThat(remote.detail()).isEqualTo("high");
    assertThat(remote.inline()).isEmpty();
    ContentPart.Image inline = (ContentPart.Image) user.content().get(2);
    assertThat(inline.detail()).isNull();
    assertThat(inline.inline()).map(DataUrl::mediaType).contains("image/png");
    assertThat(inline.inline()).map(DataUrl::base64).hasValueSatisfying(data -> assertThat(data).startsWith("iVBORw0KGgo"));

    Message assistant = request.messages().get(2);
    assertThat(assistant.content()).isEmpty();
    assertThat(assistant.toolCalls())
        .containsExactly(new ToolCall("call_abc123", "get_current_weather", "{\n\"location\": \"Madison, WI\"\n}"));

    Message tool = request.messages().get(3);
    assertThat(tool.toolCallId()).isEqualTo("call_abc123");
    assertThat(tool.text()).isEqualTo("{\"temperature\": 22, \"unit\": \"celsius\", \"description\": \"Sunny\"}");

    assertThat(request.tools()).extracting(Tool::name).containsExactly("get_current_weather", "get_forecast");
    Tool weather = request.tools().get(0);
    assertThat(weather.description()).isEqualTo("Get the current weather in a given location");
    assertThat(weather.parameters().at("/properties/unit/enum/1").textValue()).isEqualTo("fahrenheit");
    assertThat(weather.strict()).isNull();
    assertThat(request.tools().get(1).strict()).isTrue();

    assertThat(request.toolChoice()).isEqualTo(ToolChoice.function("get_current_weather"));
    assertThat(request.parallelToolCalls()).isFalse();
    ResponseFormat.JsonSchema format = (ResponseFormat.JsonSchema) request.responseFormat();
    assertThat(format.name()).isEqualTo("scene_report");
    assertThat(format.description()).isEqualTo("What the photo shows and the weather there");
    assertThat(format.strict()).isTrue();
    assertThat(format.schema().at("/required").size()).isEqualTo(3);

    assertThat(request.temperature()).isEqualTo(0.2);
    assertThat(request.topP()).isEqualTo(1.0);
    assertThat(request.maxTokens()).isEqualTo(MaxTokens.completionTokens(1024));
    assertThat(request.stop()).containsExactly("\n\n###");
    assertThat(request.n()).isEqualTo(1);
    assertThat(request.stream()).isTrue();
    assertThat(request.includeUsage()).isTrue();
    assertThat(request.seed()).isEqualTo(42L);
    assertThat(request.presencePenalty()).isEqualTo(0.0);
    assertThat(request.frequencyPenalty()).isEqualTo(0.5);
    assertThat(request.logitBias()).containsExactly(Map.entry("50256", -100), Map.entry("1734", 5));
    assertThat(request.logprobs()).isTrue();
    assertThat(request.topLogprobs()).isEqualTo(2);
    assertThat(request.user()).isEqualTo("user-1234");
    assertThat(request.reasoningEffort()).isNull();
    assertThat(request.metadata()).containsExactly(Map.entry("app", "photo-weather"), Map.entry("team", "mobile"));
    assertThat(request.extra()).containsOnlyKeys("store", "service_tier", "modalities");
  }

  @Test
  void documentedRequestReEncodesToTheSameJson() {
    assertSameJson(OpenAiChatRequestEncoder.encode(OpenAiChatRequestDecoder.decode(DOCUMENTED)), DOCUMENTED);
  }

  @Test
  void unknownTopLevelFieldsSurviveARoundTripUnchanged() {
    byte[] body = json("""
        {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}],
         "prediction": {"type": "content", "content": "class User {}"},
         "web_search_options": {"search_context_size": "low"},
         "x_vendor_flag": null,
         "big": 123456789012345678901234567890}""");

    ChatRequest request = OpenAiChatRequestDecoder.decode(body);
    JsonNode reEncoded = tree(OpenAiChatRequestEncoder.encode(request));

    assertThat(request.extra()).containsOnlyKeys("prediction", "web_search_options", "x_vendor_flag", "big");
    assertThat(reEncoded).isEqualTo(tree(body));
    assertThat(reEncoded.has("x_vendor_flag")).isTrue();
  }

  @Test
  void stringContentDecodesToOneTextPartAndReEncodesAsAString() {
    byte[] body = json("""
        {"model": "gpt-4o", "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": ""}]}""");

    ChatRequest request = OpenAiChatRequestDecoder.decode(body);
    JsonNode reEncoded = tree(OpenAiChatRequestEncoder.encode(request));

    assertThat(request.messages().get(0).content()).containsExactly(new ContentPart.Text("Be brief."));
    assertThat(request.messages().get(0).contentForm()).isEqualTo(Message.ContentForm.STRING);
    assertThat(reEncoded.at("/messages/0/content").isTextual()).isTrue();
    assertThat(reEncoded.at("/messages/1/content").textValue()).isEmpty();
    assertThat(reEncoded).isEqualTo(tree(body));
  }

  @Test
  void oneTextPartGivenAsAnArrayStaysAnArray() {
    byte[] body = json("""
        {"model": "gpt-4o", "messages": [{"role": "user", "content": [{"type": "text", "text": "hi"}]}]}""");

    ChatRequest request = OpenAiChatRequestDecoder.decode(body);

    assertThat(request.messages().getFirst().contentForm()).isEqualTo(Message.ContentForm.PARTS);
    assertThat(tree(OpenAiChatRequestEncoder.encode(request))).isEqualTo(tree(body));
  }

  @Test
  void audioAndFilePartsRoundTrip() {
    byte[] body = json("""
        {"model": "gpt-4o-audio-preview", "messages": [{"role": "user", "content": [
          {"type": "input_audio", "input_audio": {"data": "UklGRiQAAABXQVZF", "format": "wav"}},
          {"type": "file", "file": {"file_id": "file-6F2ksmvXxt4VdoqmHRw6kL"}},
          {"type": "file", "file": {"filename": "draft.pdf", "file_data": "data:application/pdf;base64,JVBERi0xLjQ="}}
        ]}]}""");

    ChatRequest request = OpenAiChatRequestDecoder.decode(body);

    assertThat(request.messages().getFirst().content()).containsExactly(
        new ContentPart.Audio("UklGRiQAAABXQVZF", "wav"),
        new ContentPart.File("file-6F2ksmvXxt4VdoqmHRw6kL", null, null),
        new ContentPart.File(null, "data:application/pdf;base64,JVBERi0xLjQ=", "draft.pdf"));
    assertThat(tree(OpenAiChatRequestEncoder.encode(request))).isEqualTo(tree(body));
  }

  @Test
  void maxTokensRemembersWhichFieldSetIt() {
    byte[] body = json("""
        {"model": "mistral-large-latest", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 300}""");

    ChatRequest request = OpenAiChatRequestDecoder.decode(body);

    assertThat(request.maxTokens()).isEqualTo(MaxTokens.legacyMaxTokens(300));
    assertThat(tree(OpenAiChatRequestEncoder.encode(request))).isEqualTo(tree(body));
  }

  @Test
  void bothTokenCapsKeepMaxCompletionTokensAndCarryMaxTokensUnchanged() {
    byte[] body = json("""
        {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}],
         "max_tokens": 300, "max_completion_tokens": 500}""");

    ChatRequest request = OpenAiChatRequestDecoder.decode(body);

    assertThat(request.maxTokens()).isEqualTo(MaxTokens.completionTokens(500));
    assertThat(request.extra()).containsOnlyKeys("max_tokens");
    assertThat(tree(OpenAiChatRequestEncoder.encode(request))).isEqualTo(tree(body));
  }

  @Test
  void stopGivenAsOneStringIsOneSequence() {
    ChatRequest request = OpenAiChatRequestDecoder.decode(json("""
        {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}], "stop": "END"}"""));

    assertThat(request.stop()).containsExactly("END");
  }

  @ParameterizedTest
  @CsvSource({"none, NONE", "auto, AUTO", "required, REQUIRED"})
  void toolChoiceModesRoundTrip(String wire, ToolChoice.Mode mode) {
    byte[] body = json("""
        {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}], "tool_choice": "%s"}""".formatted(wire));

    ChatRequest request = OpenAiChatRequestDecoder.decode(body);

    assertThat(request.toolChoice()).isEqualTo(mode);
    assertThat(tree(OpenAiChatRequestEncoder.encode(request))).isEqualTo(tree(body));
  }

  @Test
  void jsonModeAndReasoningFieldsRoundTrip() {
    byte[] body = json("""
        {"model": "deepseek-reasoner", "messages": [
          {"role": "user", "content": "2+2?"},
          {"role": "assistant", "content": "4", "reasoning_content": "Two plus two is four.", "refusal": null},
          {"role": "user", "content": "Answer in JSON."}],
         "response_format": {"type": "json_object"}, "reasoning_effort": "high"}""");

    ChatRequest request = OpenAiChatRequestDecoder.decode(body);

    assertThat(request.responseFormat()).isEqualTo(ResponseFormat.jsonObject());
    assertThat(request.reasoningEffort()).isEqualTo("high");
    assertThat(request.messages().get(1).reasoningContent()).isEqualTo("Two plus two is four.");
    assertSameJson(OpenAiChatRequestEncoder.encode(request), body);
  }

  @Test
  void unknownMessageFieldsSurviveARoundTrip() {
    byte[] body = json("""
        {"model": "gpt-4o", "messages": [
          {"role": "user", "content": "hi"},
          {"role": "assistant", "content": "Hello!", "annotations": [], "audio": {"id": "audio_abc"}}]}""");

    ChatRequest request = OpenAiChatRequestDecoder.decode(body);

    assertThat(request.messages().get(1).extra()).containsOnlyKeys("annotations", "audio");
    assertThat(tree(OpenAiChatRequestEncoder.encode(request))).isEqualTo(tree(body));
  }

  @Test
  void aVertxBufferDecodesLikeItsBytes() {
    ChatRequest fromBytes = OpenAiChatRequestDecoder.decode(DOCUMENTED);

    assertThat(OpenAiChatRequestDecoder.decode(Buffer.buffer(DOCUMENTED))).isEqualTo(fromBytes);
  }

  @Test
  void aSliceOfALargerBufferDecodesOnlyItsOwnBytes() {
    Buffer frame = Buffer.buffer("garbage{").appendBytes(DOCUMENTED).appendString("}garbage");

    ChatRequest request = OpenAiChatRequestDecoder.decode(frame.slice(8, 8 + DOCUMENTED.length));

    assertThat(request).isEqualTo(OpenAiChatRequestDecoder.decode(DOCUMENTED));
  }

  @Test
  void aDirectBufferDecodesLikeItsBytes() {
    var direct = Unpooled.directBuffer(DOCUMENTED.length).writeBytes(DOCUMENTED);

    assertThat(OpenAiChatRequestDecoder.decode(BufferInternal.buffer(direct)))
        .isEqualTo(OpenAiChatRequestDecoder.decode(DOCUMENTED));
  }

  @Test
  void encodedRequestOmitsWhatWasNotSet() {
    ChatRequest request = ChatRequest.builder("gpt-4o", List.of(Message.of(Role.USER, "hi"))).build();

    assertThat(new String(OpenAiChatRequestEncoder.encode(request), StandardCharsets.UTF_8))
        .isEqualTo("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
