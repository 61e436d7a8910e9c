package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.mock.MockUpstream;
import dev.portcullis.mock.MockUpstreamOptions;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With PORTCULLIS_OTLP_ENDPOINT set, every call reaches an OTLP/HTTP receiver (in process, decoding the protobuf) as
 * a server span with one client span per provider attempt, and the attempt's context reaches the provider.
 */
class TracingIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final String CLIENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CLIENT_SPAN = "00f067aa0ba902b7";
  private static final String SECRET_PROMPT = "my card is 4111 1111 1111 1111";
  private static final String BODY = "{\"model\":\"openai/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\""
      + SECRET_PROMPT + "\"}]}";

  @TempDir Path dir;

  @Test
  void callJoinsTheClientsTraceAndItsAttemptSpanIsTheParentTheProviderSees() throws Exception {
    try (Receiver receiver = new Receiver();
        GatewayHarness h = receiver.gateway(dir)) {
      MockUpstream provider = h.mock;
      HttpResponse<String> answer = h.chat(BODY, "traceparent", "00-" + CLIENT_TRACE + "-" + CLIENT_SPAN + "-01",
          "tracestate", "vendor=blue");
      assertThat(answer.statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(20)).until(() -> receiver.spans.size() >= 2);
      List<Span> spans = receiver.spans;
      String toProvider = provider.recordedRequests().getFirst().header("traceparent");
      Span server = only(spans, Span.SpanKind.SPAN_KIND_SERVER);
      Span attempt = only(spans, Span.SpanKind.SPAN_KIND_CLIENT);

      assertThat(hex(server.getTraceId())).isEqualTo(CLIENT_TRACE);
      assertThat(hex(server.getParentSpanId())).isEqualTo(CLIENT_SPAN);
      assertThat(server.getName()).isEqualTo("POST /v1/chat/completions");
      JsonNode usage = JSON.readTree(answer.body()).path("usage");
      assertThat(attributes(server)).containsEntry("gen_ai.operation.name", "chat")
          .containsEntry("gen_ai.provider.name", "openai")
          .containsEntry("gen_ai.request.model", "openai/gpt-4o")
          .containsEntry("gen_ai.response.model", "gpt-4o")
          .containsEntry("gen_ai.usage.input_tokens", usage.path("prompt_tokens").asText())
          .containsEntry("gen_ai.usage.output_tokens", usage.path("completion_tokens").asText())
          .containsEntry("http.request.method", "POST")
          .containsEntry("http.response.status_code", "200")
          .doesNotContainKey("error.type");
      assertThat(usage.path("prompt_tokens").asInt()).isPositive();

      assertThat(attempt.getName()).isEqualTo("chat gpt-4o");
      assertThat(hex(attempt.getTraceId())).isEqualTo(CLIENT_TRACE);
      assertThat(attempt.getParentSpanId()).isEqualTo(server.getSpanId());
      assertThat(attributes(attempt)).containsEntry("gen_ai.provider.name", "openai")
          .containsEntry("gen_ai.request.model", "gpt-4o")
          .containsEntry("portcullis.attempt.index", "0")
          .containsEntry("http.response.status_code", "200");
      assertThat(toProvider).isEqualTo("00-" + CLIENT_TRACE + "-" + hex(attempt.getSpanId()) + "-01");
      assertThat(provider.recordedRequests().getFirst().header("tracestate")).isEqualTo("vendor=blue");
      assertThat(receiver.bodies.toString()).doesNotContain("4111 1111");
    }
  }

  @Test
  void fallbackShowsOneAttemptSpanPerTargetAndTheTraceIdIsTheOneTheAnswerNames() throws Exception {
    try (Receiver receiver = new Receiver();
        GatewayHarness h = receiver.gateway(dir)) {
      MockUpstream broken = MockUpstream.start(h.vertx,
          new MockUpstreamOptions("127.0.0.1", 0, 0, 5, 0, 503, 0.0, 0.0, 0.0, 1, true)).await();
      String config = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
          + "{\"provider\":\"openai\",\"api_key\":\"sk-t\",\"custom_host\":\"" + broken.baseUrl() + "\"},"
          + "{\"provider\":\"openai\",\"api_key\":\"sk-t\",\"custom_host\":\"" + h.mock.baseUrl() + "\"}]}";
      HttpResponse<String> answer = h.chat(BODY.replace("openai/gpt-4o", "gpt-4o"), "x-portcullis-config", config);
      assertThat(answer.statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(20)).until(() -> receiver.spans.size() >= 3);

      Span server = only(receiver.spans, Span.SpanKind.SPAN_KIND_SERVER);
      List<Span> attempts = receiver.spans.stream().filter(s -> s.getKind() == Span.SpanKind.SPAN_KIND_CLIENT)
          .sorted((a, b) -> Long.compare(a.getStartTimeUnixNano(), b.getStartTimeUnixNano())).toList();
      assertThat(attempts).hasSize(2).allSatisfy(a -> assertThat(a.getParentSpanId()).isEqualTo(server.getSpanId()));
      assertThat(attributes(attempts.get(0))).containsEntry("portcullis.attempt.index", "0")
          .containsEntry("portcullis.attempt.option", "config.targets[0]")
          .containsEntry("http.response.status_code", "503")
          .containsKey("error.type");
      assertThat(attempts.get(0).getStatus().getCode()).isEqualTo(
          io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR);
      assertThat(attributes(attempts.get(1))).containsEntry("portcullis.attempt.index", "1")
          .containsEntry("portcullis.attempt.option", "config.targets[1]")
          .containsEntry("http.response.status_code", "200")
          .doesNotContainKey("error.type");
      String traceId = answer.headers().firstValue("x-portcullis-trace-id").orElseThrow();
      assertThat(hex(server.getTraceId())).isEqualTo(traceId.replace("-", ""));
      assertThat(server.getParentSpanId().isEmpty()).isTrue();
      assertThat(h.mock.recordedRequests().getFirst().header("traceparent"))
          .isEqualTo("00-" + hex(server.getTraceId()) + "-" + hex(attempts.get(1).getSpanId()) + "-01");
      broken.close().await();
    }
  }

  @Test
  void withoutAnEndpointNoTraceContextReachesTheProvider() {
    try (GatewayHarness h = new GatewayHarness(dir)) {
      assertThat(h.chat(BODY).statusCode()).isEqualTo(200);
      assertThat(h.mock.recordedRequests().getFirst().header("traceparent")).isNull();
    }
  }

  private static Span only(List<Span> spans, Span.SpanKind kind) {
    List<Span> of = spans.stream().filter(s -> s.getKind() == kind).toList();
    assertThat(of).as("spans of kind " + kind + " among " + spans).hasSize(1);
    return of.getFirst();
  }

  private static String hex(com.google.protobuf.ByteString bytes) {
    return HEX.formatHex(bytes.toByteArray());
  }

  /** A span's attributes, every value as text. */
  private static Map<String, String> attributes(Span span) {
    Map<String, String> out = new java.util.HashMap<>();
    for (KeyValue kv : span.getAttributesList()) {
      AnyValue v = kv.getValue();
      out.put(kv.getKey(), switch (v.getValueCase()) {
        case STRING_VALUE -> v.getStringValue();
        case INT_VALUE -> Long.toString(v.getIntValue());
        case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
        case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
        default -> v.toString();
      });
    }
    return out;
  }

  /** An OTLP/HTTP receiver on a random port: keeps every span of every export to /v1/traces. */
  private static final class Receiver implements AutoCloseable {
    final io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    final List<Span> spans = new CopyOnWriteArrayList<>();
    final StringBuilder bodies = new StringBuilder();
    final HttpServer server;

    Receiver() {
      server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
        if (!req.path().equals("/v1/traces")) {
          req.response().setStatusCode(404).end();
          return;
        }
        try {
          ExportTraceServiceRequest export = ExportTraceServiceRequest.parseFrom(body.getBytes());
          synchronized (bodies) {
            bodies.append(export);
          }
          export.getResourceSpansList().forEach(rs -> rs.getScopeSpansList().stream()
              .map(ScopeSpans::getSpansList).forEach(spans::addAll));
          req.response().putHeader("content-type", "application/x-protobuf")
              .end(Buffer.buffer(ExportTraceServiceResponse.getDefaultInstance().toByteArray()));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
          req.response().setStatusCode(400).end();
        }
      })).listen(0, "127.0.0.1").await();
    }

    GatewayHarness gateway(Path dir) {
      return new GatewayHarness(dir, Map.of("PORTCULLIS_OTLP_ENDPOINT", "http://127.0.0.1:" + server.actualPort()));
    }

    @Override
    public void close() {
      vertx.close().await();
    }
  }
}
