package dev.portcullis.bench;

import dev.portcullis.api.StreamEncoder;
import dev.portcullis.api.openai.OpenAiChatDialect;
import dev.portcullis.wire.OpenAiChatResponseEncoder;
import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.provider.ChatCodec;
import dev.portcullis.provider.ChunkDecoder;
import dev.portcullis.provider.ProviderAdapters;
import dev.portcullis.provider.ProviderSpec;
import dev.portcullis.provider.ProviderTable;
import dev.portcullis.provider.Target;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What translating to and from Anthropic costs: an OpenAI chat request (system prompt, three turns, a tool) read and
 * written as an Anthropic Messages request; an Anthropic answer read and written as an OpenAI completion; and one
 * streamed Anthropic {@code content_block_delta} event read and written as an OpenAI chunk event. Together the first
 * two are the translation cost per chat request; the third is the cost per stream chunk.
 *
 * <p>Run: {@code ./mvnw -o -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt} then
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) dev.portcullis.bench.TranslationBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TranslationBench {

  private static final byte[] OPENAI_REQUEST = """
      {"model":"anthropic/claude-sonnet-4-5","max_tokens":1024,"temperature":0.7,
       "messages":[
        {"role":"system","content":"You are a concise travel assistant. Answer in two sentences at most."},
        {"role":"user","content":"What should I pack for Lisbon in March?"},
        {"role":"assistant","content":"Layers and a light rain jacket: days are mild, evenings cool, showers likely."},
        {"role":"user","content":"And the weather this weekend?"}],
       "tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather for a city",
         "parameters":{"type":"object","properties":{"city":{"type":"string"},
           "unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["city"]}}}],
       "tool_choice":"auto"}
      """.getBytes(StandardCharsets.UTF_8);

  private static final byte[] ANTHROPIC_RESPONSE = """
      {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
       "content":[{"type":"text","text":"Let me check the forecast for Lisbon."},
         {"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"get_weather",
          "input":{"city":"Lisbon","unit":"celsius"}}],
       "stop_reason":"tool_use","stop_sequence":null,
       "usage":{"input_tokens":412,"cache_creation_input_tokens":0,"cache_read_input_tokens":128,"output_tokens":61}}
      """.getBytes(StandardCharsets.UTF_8);

  private static final String STREAM_START = """
      event: message_start
      data: {"type":"message_start","message":{"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":412,"output_tokens":1}}}

      event: content_block_start
      data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

      """;

  private static final Buffer TEXT_DELTA = Buffer.buffer("""
      event: content_block_delta
      data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Mild and sunny, "}}

      """.getBytes(StandardCharsets.UTF_8));

  private Vertx vertx;
  private ChatCodec codec;
  private Target target;
  private ChatRequest streamingRequest;
  private ChunkDecoder decoder;
  private StreamEncoder encoder;

  @Setup(Level.Trial)
  public void setUp() {
    vertx = Vertx.vertx();
    ProviderSpec anthropic = ProviderTable.find("anthropic").orElseThrow();
    target = new Target(anthropic, URI.create(anthropic.baseUrl()), "sk-ant-bench", Map.of(), "claude-sonnet-4-5",
        null, null);
    codec = new ProviderAdapters(vertx, Clock.systemUTC()).of(anthropic).chat(target);
    streamingRequest = OpenAiChatDialect.INSTANCE.decode(Buffer.buffer(OPENAI_REQUEST)).toBuilder().stream(true)
        .build();
    decoder = codec.stream(streamingRequest, target);
    encoder = OpenAiChatDialect.INSTANCE.stream(streamingRequest);
    decoder.feed(Buffer.buffer(STREAM_START.getBytes(StandardCharsets.UTF_8)));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    vertx.close();
  }

  /** OpenAI request body in, Anthropic request body out. */
  @Benchmark
  public Buffer request() {
    ChatRequest request = OpenAiChatDialect.INSTANCE.decode(Buffer.buffer(OPENAI_REQUEST));
    return codec.request(request, target, false).body();
  }

  /** Anthropic answer in, OpenAI completion body out. */
  @Benchmark
  public byte[] response() {
    return OpenAiChatResponseEncoder.encode(codec.response(Buffer.buffer(ANTHROPIC_RESPONSE), streamingRequest,
        target));
  }

  /** One Anthropic text delta event in, one OpenAI chunk event out. */
  @Benchmark
  public Buffer chunk() {
    List<ChatChunk> chunks = decoder.feed(TEXT_DELTA);
    return encoder.encode(chunks.getFirst());
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(TranslationBench.class.getSimpleName()).build()).run();
  }
}
