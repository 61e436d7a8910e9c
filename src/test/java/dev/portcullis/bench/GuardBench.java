package dev.portcullis.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.guard.GuardRunner;
import dev.portcullis.guard.GuardState;
import dev.portcullis.guard.Guardrail;
import dev.portcullis.guard.GuardrailRef;
import dev.portcullis.guard.HooksParser;
import dev.portcullis.guard.RequestTexts;
import dev.portcullis.guard.StreamGuard;
import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChunkChoice;
import dev.portcullis.model.Delta;
import dev.portcullis.time.GatewayClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What guardrails cost: every local check (PII, secrets, keywords, prompt injection, regex, contains, counts, URLs,
 * JSON keys) over a 4 KB prompt; and the stream stage (PII and secrets redaction) per chunk of a streamed answer.
 *
 * <p>Run: {@code ./mvnw -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt}
 * then {@code java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt)
 * dev.portcullis.bench.GuardBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GuardBench {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SENTENCE = "Please review the quarterly numbers for the Lisbon office and tell me which"
      + " costs grew faster than revenue, with a short table and one recommendation per line item. ";
  private static final String CHECKS = """
      {"input_guardrails": [{"id": "all", "checks": [
        {"id": "portcullis.pii"}, {"id": "portcullis.secrets"},
        {"id": "portcullis.keywords", "parameters": {"words": ["project falcon", "internal only", "confidential",
          "do not share", "acquisition", "layoffs", "password", "salary", "merger", "codename"]}},
        {"id": "portcullis.promptInjection"},
        {"id": "default.regexMatch", "parameters": {"rule": "\\\\bSSN\\\\b", "not": true}},
        {"id": "default.contains", "parameters": {"words": ["Lisbon"], "operator": "any"}},
        {"id": "default.wordCount", "parameters": {"maxWords": 2000}},
        {"id": "default.characterCount", "parameters": {"maxCharacters": 8000}},
        {"id": "default.sentenceCount", "parameters": {"maxSentences": 100}},
        {"id": "default.validUrls"},
        {"id": "default.jsonKeys", "parameters": {"keys": ["a"], "not": true}}]}],
       "output_guardrails": [{"portcullis.pii": {"redact": true}, "portcullis.secrets": {"redact": true}}]}
      """;

  private GuardRunner runner;
  private List<Guardrail> input;
  private List<Guardrail> output;
  private ObjectNode request;
  private List<ChatChunk> chunks;

  @Setup
  public void setUp() throws Exception {
    var hooks = HooksParser.parse((ObjectNode) JSON.readTree(CHECKS), "");
    input = hooks.before().stream().map(r -> ((GuardrailRef.Inline) r).guardrail()).toList();
    output = hooks.after().stream().map(r -> ((GuardrailRef.Inline) r).guardrail()).toList();
    runner = new GuardRunner(null, null, GatewayClock.system());
    StringBuilder prompt = new StringBuilder();
    while (prompt.length() < 4096) {
      prompt.append(SENTENCE);
    }
    request = JSON.createObjectNode().put("model", "gpt-4o");
    request.putArray("messages").addObject().put("role", "user").put("content", prompt.substring(0, 4096));
    chunks = new ArrayList<>();
    String answer = prompt.substring(0, 2048);
    for (int i = 0; i < answer.length(); i += 4) {
      chunks.add(new ChatChunk("c", "m", 1, List.of(new ChunkChoice(0, new Delta(null,
          answer.substring(i, Math.min(answer.length(), i + 4)), null, null, List.of()), null, null)), null, null,
          null, Map.of()));
    }
  }

  /** Every local check over a 4 KB prompt (the request's guardrails of one call). */
  @Benchmark
  public GuardState allChecksOver4KbPrompt() {
    GuardState state = new GuardState();
    runner.before(input, RequestTexts.of(request.deepCopy()), "gpt-4o", Map.of(), state);
    return state;
  }

  /** A 512-chunk streamed answer through PII and secrets redaction; divide by 512 for the cost per chunk. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int streamOf512Chunks() {
    StreamGuard guard = new StreamGuard(output, new GuardState(), "m", Map.of());
    int sent = 0;
    for (ChatChunk c : chunks) {
      sent += guard.chunk(c).choices().size();
    }
    return sent + guard.end().size();
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(GuardBench.class.getSimpleName()).build()).run();
  }
}
