package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.model.Choice;
import dev.portcullis.model.ChunkChoice;
import dev.portcullis.model.Delta;
import dev.portcullis.model.Message;
import dev.portcullis.model.Role;
import dev.portcullis.observe.AttemptOutcome;
import dev.portcullis.observe.AttemptView;
import dev.portcullis.observe.CallView;
import dev.portcullis.observe.RequestListener;
import dev.portcullis.observe.RequestRecord;
import dev.portcullis.testing.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request pipeline as its extensions see it: listener events, the one clock, the chunk-transform slot. */
class PipelineIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHAT = "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String STREAM = "{\"model\":\"openai/gpt-4o-mini\",\"stream\":true,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<RequestRecord> records = new CopyOnWriteArrayList<>();
  private final List<String> transformed = Collections.synchronizedList(new ArrayList<>());
  private GatewayHarness h;

  /** Hears every event, moving the clock at the attempt's start and at the first byte by known amounts. */
  private final RequestListener recorder = new RequestListener() {
    @Override
    public void started(CallView call) {
      events.add("started " + call.path());
    }

    @Override
    public void attemptStarted(CallView call, AttemptView attempt) {
      events.add("attemptStarted " + attempt.index() + " " + attempt.provider() + " " + attempt.model());
      clock.advance(Duration.ofMillis(250));
    }

    @Override
    public void attemptEnded(CallView call, AttemptView attempt, AttemptOutcome outcome) {
      events.add("attemptEnded " + attempt.index() + " " + outcome.status() + " " + outcome.durationNanos());
    }

    @Override
    public void firstByte(CallView call) {
      events.add("firstByte");
      clock.advance(Duration.ofMillis(40));
    }

    @Override
    public void ended(CallView call, RequestRecord record) {
      events.add("ended " + record.status());
      records.add(record);
    }
  };

  @BeforeEach
  void start() {
    h = new GatewayHarness(dir, mock -> Map.of(), new Extensions(clock, List.of(recorder),
        List.<Supplier<Stage>>of(() -> new NumberingStage(transformed))));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void listenersHearEveryEventOfACallInOrderWithTimesFromTheInjectedClock() {
    HttpResponse<String> r = h.chat(CHAT);

    assertThat(r.statusCode()).isEqualTo(200);
    await().until(() -> !records.isEmpty());
    assertThat(events).containsExactly("started /v1/chat/completions", "attemptStarted 0 openai gpt-4o-mini",
        "attemptEnded 0 200 250000000", "firstByte", "ended 200");
    RequestRecord record = records.getFirst();
    assertThat(record.latencyMs()).isEqualTo(290);
    assertThat(record.ttfbMs()).isEqualTo(250);
    assertThat(record.startedAt()).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
    assertThat(record.attempts()).singleElement()
        .satisfies(a -> assertThat(a.provider()).isEqualTo("openai"))
        .satisfies(a -> assertThat(a.latencyMs()).isEqualTo(250));
  }

  @Test
  void chunkTransformSeesEveryChunkOfAStreamInOrder() throws Exception {
    HttpResponse<String> r = h.chat(STREAM.replace("\"stream\"", "\"transform\":true,\"stream\""),
        "x-mock-chunks", "5", "x-portkey-forward-headers", "x-mock-chunks");

    assertThat(r.statusCode()).isEqualTo(200);
    StringBuilder content = new StringBuilder();
    for (String line : r.body().split("\n")) {
      if (line.startsWith("data: {")) {
        for (JsonNode choice : JSON.readTree(line.substring(6)).path("choices")) {
          content.append(choice.path("delta").path("content").asText(""));
        }
      }
    }
    assertThat(transformed).hasSizeGreaterThanOrEqualTo(5);
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < transformed.size(); i++) {
      expected.append('[').append(i).append(']').append(transformed.get(i));
    }
    assertThat(content.toString()).isEqualTo(expected.toString());
    assertThat(r.body()).endsWith("data: [DONE]\n\n");
  }

  @Test
  void wholeAnswerGoesThroughTheTransformOnce() throws Exception {
    HttpResponse<String> r = h.chat(CHAT.replace("\"messages\"", "\"transform\":true,\"messages\""));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).at("/choices/0/message/content").asText()).startsWith("[whole]");
  }

  @Test
  void passthroughWithAnEmptySlotCopiesTheProvidersBytesUnchanged() throws Exception {
    String json = "{ \"id\" : \"x\",\"object\":\"chat.completion\", \"unknown_field\": {\"kept\": [1, 2.50, \"\\u00e9\"]},"
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"caf\\u00e9\"}}] }\n";
    String sse = "data: {\"id\":\"x\",\"vendor_extra\":true,\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n"
        + ": a comment line\n\ndata: [DONE]\n\n";
    HttpServer upstream = h.vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      boolean stream = body.toString().contains("\"stream\":true");
      req.response().putHeader("content-type", stream ? "text/event-stream" : "application/json")
          .end(stream ? sse : json);
    })).listen(0, "127.0.0.1").await();
    String base = "http://127.0.0.1:" + upstream.actualPort() + "/v1";

    HttpResponse<String> whole = h.send(h.post("/v1/chat/completions", CHAT.replace("openai/", ""))
        .header("x-portkey-api-key", GatewayHarness.ADMIN_KEY).header("x-portkey-provider", "openai")
        .header("x-portkey-custom-host", base).header("authorization", "Bearer sk-caller"));
    HttpResponse<String> streamed = h.send(h.post("/v1/chat/completions", STREAM.replace("openai/", ""))
        .header("x-portkey-api-key", GatewayHarness.ADMIN_KEY).header("x-portkey-provider", "openai")
        .header("x-portkey-custom-host", base).header("authorization", "Bearer sk-caller"));

    assertThat(whole.body()).isEqualTo(json);
    assertThat(streamed.body()).isEqualTo(sse);
    assertThat(transformed).isEmpty();
    upstream.close().await();
  }

  /**
   * A test stage standing where output guards and the cache will: for requests that ask for it (a "transform" field
   * in the body), it fills the relay's slot with a transform that numbers each content piece in the order it sees
   * them and remembers what it saw.
   */
  private static final class NumberingStage implements Stage {
    private final List<String> seen;

    NumberingStage(List<String> seen) {
      this.seen = seen;
    }

    @Override
    public Future<Void> serve(Exchange call, Chain next) {
      if (call.body.bytes().toString().contains("\"transform\":true")) {
        call.addTransform(new ChunkTransform() {
          @Override
          public List<ChatChunk> chunk(ChatChunk chunk) {
            List<ChunkChoice> choices = new ArrayList<>();
            for (ChunkChoice c : chunk.choices()) {
              Delta d = c.delta();
              if (d.content() == null || d.content().isEmpty()) {
                choices.add(c);
              } else {
                String numbered = "[" + seen.size() + "]" + d.content();
                seen.add(d.content());
                choices.add(new ChunkChoice(c.index(), new Delta(d.role(), numbered, d.reasoningContent(),
                    d.refusal(), d.toolCalls()), c.finishReason(), c.logprobs()));
              }
            }
            return List.of(new ChatChunk(chunk.id(), chunk.model(), chunk.created(), choices, chunk.usage(),
                chunk.systemFingerprint(), chunk.serviceTier(), chunk.extra()));
          }

          @Override
          public List<ChatChunk> end() {
            return List.of();
          }

          @Override
          public ChatResponse whole(ChatResponse response) {
            List<Choice> choices = response.choices().stream().map(c -> new Choice(c.index(),
                Message.of(Role.ASSISTANT, "[whole]" + c.message().text()), c.finishReason(), c.logprobs())).toList();
            return new ChatResponse(response.id(), response.model(), response.created(), choices, response.usage(),
                response.systemFingerprint(), response.serviceTier(), response.extra());
          }
        });
      }
      return next.proceed(call);
    }
  }
}
