package dev.portcullis.provider.cohere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.Role;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class CohereStreamDecoderTest {

  private final CohereStreamDecoder decoder = new CohereStreamDecoder("command-a-03-2025", 1_750_000_000L, "co-secret-key");

  @Test
  void messageEndCarryingAnErrorFailsTheStreamWithCoheresMessageAndNoSecret() {
    decoder.feed(Buffer.buffer("event: message-start\ndata: {\"id\":\"m1\",\"type\":\"message-start\"}\n\n"));

    GatewayException.UpstreamError e = catchThrowableOfType(GatewayException.UpstreamError.class, () -> decoder.feed(
        Buffer.buffer("data: {\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"ERROR\","
            + "\"error\":\"generation failed for key co-secret-key\"}}\n\n")));

    assertThat(e.status()).isEqualTo(502);
    assertThat(e.code()).isEqualTo("stream_error");
    assertThat(e.getMessage()).isEqualTo(
        "provider 'cohere' ended the stream with an error: generation failed for key [REDACTED]");
  }

  @Test
  void eventThatIsNotJsonIsA502NamingTheStreamEvent() {
    GatewayException.UpstreamError e = catchThrowableOfType(GatewayException.UpstreamError.class,
        () -> decoder.feed(Buffer.buffer("event: content-delta\ndata: {\"type\":\n\n")));

    assertThat(e.status()).isEqualTo(502);
    assertThat(e.code()).isEqualTo("invalid_upstream_response");
    assertThat(e.getMessage()).isEqualTo("provider 'cohere' sent an unexpected answer: stream event is not valid JSON");
  }

  @Test
  void streamWithoutMessageStartStillOpensWithTheAssistantRoleUnderOneGeneratedId() {
    List<ChatChunk> chunks = decoder.feed(Buffer.buffer(
        "data: {\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"Hi\"}}}}\n\n"
            + "data: {\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"COMPLETE\"}}\n\n"));

    assertThat(chunks).hasSize(2);
    assertThat(chunks.getFirst().choices().getFirst().delta().role()).isEqualTo(Role.ASSISTANT);
    assertThat(chunks.getFirst().choices().getFirst().delta().content()).isEqualTo("Hi");
    assertThat(chunks.getFirst().id()).startsWith("chatcmpl-").isEqualTo(chunks.getLast().id());
    assertThat(chunks.getLast().choices().getFirst().delta().role()).isNull();
  }

  @Test
  void eventNamedOnlyByItsEventLineIsReadByThatName() {
    List<ChatChunk> chunks = decoder.feed(Buffer.buffer(
        "event: tool-plan-delta\ndata: {\"delta\":{\"message\":{\"tool_plan\":\"Plan\"}}}\n\n"));

    assertThat(chunks).singleElement()
        .satisfies(c -> assertThat(c.choices().getFirst().delta().reasoningContent()).isEqualTo("Plan"));
  }
}
