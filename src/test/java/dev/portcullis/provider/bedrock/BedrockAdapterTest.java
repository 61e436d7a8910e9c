package dev.portcullis.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.error.GatewayException;
import dev.portcullis.mock.EventStreamWriter;
import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.model.Message;
import dev.portcullis.model.Role;
import dev.portcullis.provider.ChunkDecoder;
import dev.portcullis.provider.ProviderTable;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.provider.Target;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BedrockAdapterTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
  private static final String MODEL = "anthropic.claude-3-5-haiku-20241022-v1:0";
  private final BedrockAdapter adapter = new BedrockAdapter(CLOCK);

  @Test
  void signsWithTheKeyPairAtTheClockTime() {
    WireRequest signed = authorize(target(null, Map.of("aws_region", "us-east-1", "aws_access_key_id", "AKIDEXAMPLE",
        "aws_secret_access_key", "secret"))).result();

    assertThat(signed.headers().get("X-Amz-Date")).isEqualTo("20250301T100000Z");
    assertThat(signed.headers().get("Authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250301/us-east-1/bedrock/aws4_request, ");
    assertThat(signed.headers().get("X-Amz-Security-Token")).isNull();
  }

  @Test
  void anArnModelIsOnePercentEncodedPathSegment() {
    String arn = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6";
    Target target = new Target(ProviderTable.find("bedrock").orElseThrow(), URI.create("http://127.0.0.1:9999"),
        null, Map.of(), arn, null, null);

    assertThat(adapter.chat(target).request(request(), target, false).url().toString()).isEqualTo(
        "http://127.0.0.1:9999/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile"
            + "%2Fa1b2c3d4e5f6/converse");
  }

  @Test
  void aMissingSecretIsA400NamingTheField() {
    Future<WireRequest> result = authorize(target(null, Map.of("aws_region", "us-east-1",
        "aws_access_key_id", "AKIDEXAMPLE")));

    assertThat(result.cause()).isInstanceOfSatisfying(GatewayException.BadRequest.class, e -> {
      assertThat(e.param()).isEqualTo("aws_secret_access_key");
      assertThat(e.getMessage()).startsWith("aws_secret_access_key: missing (expected: the secret of aws_access_key_id");
    });
  }

  @Test
  void noCredentialAtAllIsA400NamingTheAccessKeyId() {
    assertThat(authorize(target(null, Map.of("aws_region", "us-east-1"))).cause())
        .isInstanceOfSatisfying(GatewayException.BadRequest.class,
            e -> assertThat(e.param()).isEqualTo("aws_access_key_id"));
  }

  @Test
  void aRoleToAssumeIsRefusedWithA400ThatSaysSo() {
    assertThat(authorize(target(null, Map.of("aws_region", "us-east-1", "aws_access_key_id", "AKIDEXAMPLE",
        "aws_secret_access_key", "secret", "aws_role_arn", "arn:aws:iam::123456789012:role/bedrock"))).cause())
        .isInstanceOfSatisfying(GatewayException.BadRequest.class, e -> {
          assertThat(e.param()).isEqualTo("aws_role_arn");
          assertThat(e.getMessage()).contains("not supported");
        });
  }

  @Test
  void aRegionIsNeededToSignEvenWithACustomBaseUrl() {
    assertThat(authorize(target(null, Map.of("aws_access_key_id", "AKIDEXAMPLE", "aws_secret_access_key", "s")))
        .cause()).isInstanceOfSatisfying(GatewayException.BadRequest.class,
            e -> assertThat(e.param()).isEqualTo("aws_region"));
  }

  @Test
  void aBedrockApiKeyWithoutKeyPairIsSentAsBearer() {
    WireRequest request = authorize(target("ABSKQmVkcm9ja0FQSUtleS1leGFtcGxl", Map.of("aws_region", "us-east-1")))
        .result();

    assertThat(request.headers().get("Authorization")).isEqualTo("Bearer ABSKQmVkcm9ja0FQSUtleS1leGFtcGxl");
  }

  @Test
  void anExceptionInsideTheStreamBecomesTheUpstreamErrorItNames() {
    ChunkDecoder decoder = adapter.chat(target(null, Map.of())).stream(request(), target(null, Map.of()));
    decoder.feed(EventStreamWriter.event("messageStart", "{\"role\":\"assistant\"}"));

    assertThatThrownBy(() -> decoder.feed(EventStreamWriter.exception("throttlingException",
        "{\"message\":\"Too many tokens, please wait before trying again.\"}")))
        .isInstanceOfSatisfying(GatewayException.UpstreamError.class, e -> {
          assertThat(e.status()).isEqualTo(429);
          assertThat(e.type()).isEqualTo("ThrottlingException");
          assertThat(e.getMessage()).isEqualTo("Too many tokens, please wait before trying again.");
        });
  }

  @Test
  void aStreamThatEndsInsideAMessageIs502() {
    ChunkDecoder decoder = adapter.chat(target(null, Map.of())).stream(request(), target(null, Map.of()));
    Buffer frame = EventStreamWriter.event("messageStart", "{\"role\":\"assistant\"}");
    decoder.feed(frame.getBuffer(0, frame.length() - 3));

    assertThatThrownBy(decoder::end).isInstanceOfSatisfying(GatewayException.UpstreamError.class,
        e -> assertThat(e.status()).isEqualTo(502)).hasMessageContaining("ended inside a message");
  }

  @Test
  void chunksOfOneStreamShareTheirGeneratedIdAndTheClockTime() {
    ChunkDecoder decoder = adapter.chat(target(null, Map.of())).stream(request(), target(null, Map.of()));
    List<ChatChunk> chunks = new ArrayList<>();
    chunks.addAll(decoder.feed(EventStreamWriter.event("messageStart", "{\"role\":\"assistant\"}")));
    chunks.addAll(decoder.feed(EventStreamWriter.event("contentBlockDelta",
        "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}")));
    chunks.addAll(decoder.feed(EventStreamWriter.event("messageStop", "{\"stopReason\":\"end_turn\"}")));

    assertThat(chunks).hasSize(3).allSatisfy(c -> {
      assertThat(c.id()).isEqualTo(chunks.getFirst().id()).matches("chatcmpl-[A-Za-z0-9]{24}");
      assertThat(c.created()).isEqualTo(CLOCK.instant().getEpochSecond());
      assertThat(c.model()).isEqualTo(MODEL);
    });
  }

  @Test
  void cacheWritesAreKeptAsCacheCreationTokens() {
    ChatResponse response = adapter.chat(target(null, Map.of())).response(Buffer.buffer(
        "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"ok\"}]}},\"stopReason\":\"end_turn\","
            + "\"usage\":{\"inputTokens\":10,\"outputTokens\":2,\"totalTokens\":1512,\"cacheReadInputTokens\":0,"
            + "\"cacheWriteInputTokens\":1500}}"), request(), target(null, Map.of()));

    assertThat(response.usage().promptTokens()).isEqualTo(1510);
    assertThat(response.usage().cacheCreationTokens()).isEqualTo(1500);
    assertThat(response.usage().cachedTokens()).isZero();
  }

  @Test
  void anAnswerThatIsNotConverseIs502() {
    assertThatThrownBy(() -> adapter.chat(target(null, Map.of())).response(Buffer.buffer("{\"completion\":\"x\"}"),
        request(), target(null, Map.of())))
        .isInstanceOfSatisfying(GatewayException.UpstreamError.class, e -> {
          assertThat(e.status()).isEqualTo(502);
          assertThat(e.code()).isEqualTo("invalid_upstream_response");
        });
  }

  @Test
  void errorsWithoutAJsonBodyKeepTheStatusAndTheHeaderType() {
    GatewayException.UpstreamError error = adapter.error(500,
        MultiMap.caseInsensitiveMultiMap().add("X-Amzn-ErrorType", "InternalServerException:http://x/"),
        Buffer.buffer("upstream failure"), target(null, Map.of()));

    assertThat(error.status()).isEqualTo(500);
    assertThat(error.type()).isEqualTo("InternalServerException");
    assertThat(error.getMessage()).isEqualTo("provider 'bedrock' answered HTTP 500: upstream failure");
  }

  @Test
  void anEmbeddingModelOfNoKnownFamilyIsA400() {
    assertThatThrownBy(() -> adapter.endpoint("/embeddings", target(null, Map.of())).orElseThrow()
        .request(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("input", "x"),
            target(null, Map.of()), false))
        .isInstanceOfSatisfying(GatewayException.BadRequest.class, e -> assertThat(e.param()).isEqualTo("model"));
  }

  private Future<WireRequest> authorize(Target target) {
    WireRequest request = adapter.chat(target).request(request(), target, false);
    return adapter.authorize(request, target);
  }

  private static ChatRequest request() {
    return ChatRequest.builder(MODEL, List.of(Message.of(Role.USER, "Hello"))).build();
  }

  private static Target target(String credential, Map<String, String> fields) {
    return new Target(ProviderTable.find("bedrock").orElseThrow(), URI.create("http://127.0.0.1:9999"), credential,
        new HashMap<>(fields), MODEL, null, null);
  }
}
