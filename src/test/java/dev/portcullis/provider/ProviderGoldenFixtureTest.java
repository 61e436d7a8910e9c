package dev.portcullis.provider;

import static dev.portcullis.provider.JsonMatch.assertHeaders;
import static dev.portcullis.provider.JsonMatch.assertMatches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.portcullis.wire.OpenAiChatResponseEncoder;
import dev.portcullis.wire.OpenAiChunkEncoder;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ChatResponse;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs every golden fixture of every native provider: request, response, stream and error translation. */
class ProviderGoldenFixtureTest {

  /**
   * The clock adapters run on: fixed, so a provider answer without a creation time (Gemini's, Anthropic's) decodes
   * to the same {@code created} every time, and two decodes of one stream compare equal.
   */
  static final Clock FIXTURE_CLOCK = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);

  private static Vertx vertx;
  private static ProviderAdapters adapters;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    useAdapters(new ProviderAdapters(vertx, FIXTURE_CLOCK));
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  /** The adapters fixtures run against, shared with the stream property test. */
  static void useAdapters(ProviderAdapters shared) {
    adapters = shared;
  }

  @Test
  void everyNativeProviderHasAtLeastTwelveFixtures() {
    for (String provider : GoldenFixture.PROVIDERS) {
      assertThat(GoldenFixture.of(provider)).as("fixtures of " + provider).hasSizeGreaterThanOrEqualTo(12);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyFixtureTranslatesAsDocumented() {
    return GoldenFixture.all().stream().map(f -> DynamicTest.dynamicTest(f.toString(), () -> check(f)));
  }

  private static void check(GoldenFixture f) {
    int sections = 0;
    if (f.has("provider_request") || f.has("request_error")) {
      checkRequest(f);
      sections++;
    }
    if (f.has("provider_response")) {
      checkResponse(f);
      sections++;
    }
    if (f.hasStream()) {
      checkStream(f);
      sections++;
    }
    if (f.has("provider_error")) {
      checkError(f);
      sections++;
    }
    if (f.has("passthrough")) {
      checkPassthrough(f);
      sections++;
    }
    assertThat(sections).as(f + " checks nothing").isPositive();
  }

  static ProviderAdapter adapter(GoldenFixture f) {
    return adapters.of(f.target().provider());
  }

  private static void checkRequest(GoldenFixture f) {
    Target target = f.target();
    ProviderAdapter adapter = adapters.of(target.provider());
    boolean strict = f.json().path("strict").asBoolean(false);
    if (f.has("request_error")) {
      GatewayException e = catchThrowableOfType(GatewayException.class, () -> translateRequest(f, adapter, target,
          strict));
      assertThat(e).as(f + ": expected the request to be refused").isNotNull();
      assertError(f, e, f.get("request_error"));
      return;
    }
    WireRequest wire = translateRequest(f, adapter, target, strict);
    JsonNode expected = f.get("provider_request");
    assertThat(wire.method().name()).as(f + " method").isEqualTo(expected.path("method").asText("POST"));
    assertThat(wire.url().toString()).as(f + " url").isEqualTo(expected.get("url").asText());
    if (expected.has("headers")) {
      assertHeaders(wire.headers(), expected.get("headers"), f + " request headers");
    }
    if (expected.has("body")) {
      assertMatches(GoldenFixture.MAPPER.valueToTree(json(wire.body())), expected.get("body"), f + " request body");
    }
    if (f.has("dropped")) {
      List<String> dropped = new ArrayList<>();
      f.get("dropped").forEach(d -> dropped.add(d.asText()));
      assertThat(wire.dropped()).as(f + " dropped").isEqualTo(dropped);
    }
    if (f.has("authorized_headers")) {
      Future<WireRequest> authorized = adapter.authorize(wire, target);
      assertThat(authorized.succeeded()).as(f + " authorizes at once").isTrue();
      assertHeaders(authorized.result().headers(), f.get("authorized_headers"), f + " authorized headers");
    }
  }

  private static WireRequest translateRequest(GoldenFixture f, ProviderAdapter adapter, Target target,
      boolean strict) {
    if (f.has("endpoint")) {
      return adapter.endpoint(f.get("endpoint").asText(), target).orElseThrow()
          .request(f.get("openai_request"), target, strict);
    }
    return adapter.chat(target).request(f.chatRequest(), target, strict);
  }

  private static void checkResponse(GoldenFixture f) {
    Target target = f.target();
    ProviderAdapter adapter = adapters.of(target.provider());
    Buffer body = Buffer.buffer(GoldenFixture.bytes(f.get("provider_response")));
    byte[] actual;
    if (f.has("endpoint")) {
      actual = adapter.endpoint(f.get("endpoint").asText(), target).orElseThrow()
          .response(body, f.get("openai_request"), target);
    } else {
      ChatRequest request = f.chatRequest();
      ChatResponse response = adapter.chat(target).response(body, request, target);
      actual = OpenAiChatResponseEncoder.encode(response);
    }
    assertMatches(json(Buffer.buffer(actual)), f.get("openai_response"), f + " response");
  }

  private static void checkStream(GoldenFixture f) {
    ArrayNode actual = decodeStream(f, List.of(f.streamBytes()));
    assertMatches(actual, f.get("openai_chunks"), f + " stream");
  }

  /**
   * Decodes a fixture's stream fed as the given pieces, each chunk as its OpenAI JSON; a stream the decoder fails
   * ends with {@code {"stream_error":{status, type, message, code}}} after the chunks it gave before failing.
   */
  static ArrayNode decodeStream(GoldenFixture f, List<Buffer> pieces) {
    Target target = f.target();
    ChatRequest request = f.chatRequest();
    ChunkDecoder decoder = adapters.of(target.provider()).chat(target).stream(request, target);
    List<ChatChunk> chunks = new ArrayList<>();
    GatewayException failure = null;
    try {
      for (Buffer piece : pieces) {
        chunks.addAll(decoder.feed(piece));
      }
      chunks.addAll(decoder.end());
    } catch (GatewayException e) {
      failure = e;
    }
    ArrayNode out = GoldenFixture.MAPPER.createArrayNode();
    for (ChatChunk chunk : chunks) {
      String event = new String(OpenAiChunkEncoder.encode(chunk), StandardCharsets.UTF_8);
      out.add(json(Buffer.buffer(event.substring("data: ".length()).strip())));
    }
    if (failure != null) {
      out.addObject().putObject("stream_error").put("status", failure.status()).put("type", failure.type())
          .put("message", failure.getMessage()).put("code", failure.code());
    }
    return out;
  }

  private static void checkPassthrough(GoldenFixture f) {
    Target target = f.target();
    for (JsonNode call : f.get("passthrough")) {
      String query = call.hasNonNull("query") ? call.get("query").asText() : null;
      assertThat(adapters.of(target.provider()).url(target, call.get("endpoint").asText(), query).toString())
          .as(f + " passthrough url of " + call.get("endpoint").asText()).isEqualTo(call.get("url").asText());
    }
  }

  private static void checkError(GoldenFixture f) {
    Target target = f.target();
    JsonNode given = f.get("provider_error");
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    given.path("headers").properties().forEach(e -> headers.add(e.getKey(), e.getValue().asText()));
    Buffer body = Buffer.buffer(GoldenFixture.bytes(given.path("body")));
    GatewayException e = adapters.of(target.provider()).error(given.get("status").asInt(), headers, body, target);
    assertError(f, e, f.get("expected_error"));
  }

  private static void assertError(GoldenFixture f, GatewayException e, JsonNode expected) {
    assertThat(e.status()).as(f + " error status").isEqualTo(expected.get("status").asInt());
    if (expected.has("type")) {
      assertThat(e.type()).as(f + " error type").isEqualTo(expected.get("type").asText());
    }
    if (expected.has("message")) {
      assertThat(e.getMessage()).as(f + " error message").isEqualTo(expected.get("message").asText());
    }
    if (expected.has("code")) {
      assertThat(e.code()).as(f + " error code").isEqualTo(expected.get("code").asText());
    }
    if (expected.has("param")) {
      assertThat(e.param()).as(f + " error param").isEqualTo(expected.get("param").asText());
    }
  }

  private static JsonNode json(Buffer bytes) {
    try {
      return GoldenFixture.MAPPER.readTree(bytes.getBytes());
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + bytes, e);
    }
  }
}
