package dev.portcullis.guard;

import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChunkChoice;
import dev.portcullis.model.Delta;
import dev.portcullis.model.ToolCallDelta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer's guardrails over a stream. Span checks (PII, secrets, keywords, regex replacement) run as the text
 * flows, through one {@link StreamText} per choice's content and per tool call's arguments: redactions happen in
 * place, and a finding of a deny guardrail's check stops the stream before its text is sent. The other checks (JSON,
 * counts, URLs) read the whole text when the stream ends. Verdicts go to the call's {@link GuardState}.
 */
public final class StreamGuard {

  private final List<Guardrail> guardrails;
  private final GuardState state;
  private final String model;
  private final Map<String, String> metadata;
  private final List<SpanCheck> spans = new ArrayList<>();
  private final IdentityHashMap<SpanCheck, Integer> spanIndex = new IdentityHashMap<>();
  private final boolean wholeChecks;
  private final Map<Long, StreamText> texts = new LinkedHashMap<>();
  private final Map<Long, StringBuilder> sent = new HashMap<>();
  private ChatChunk last;

  public StreamGuard(List<Guardrail> guardrails, GuardState state, String model,
      Map<String, String> metadata) {
    this.guardrails = List.copyOf(guardrails);
    this.state = state;
    this.model = model;
    this.metadata = metadata;
    boolean whole = false;
    for (Guardrail g : guardrails) {
      for (ConfiguredCheck c : g.checks()) {
        if (c.check() instanceof SpanCheck span && !c.not()) {
          spanIndex.put(span, spans.size());
          spans.add(span);
        } else {
          whole = true;
        }
      }
    }
    this.wholeChecks = whole;
  }

  /**
   * The chunk with its texts redacted and what must wait held back.
   *
   * @throws GatewayException.GuardrailDenied when a deny guardrail found something in text about to be sent
   */
  public ChatChunk chunk(ChatChunk chunk) {
    last = chunk;
    List<ChunkChoice> choices = new ArrayList<>(chunk.choices().size());
    for (ChunkChoice choice : chunk.choices()) {
      Delta d = choice.delta();
      boolean ending = choice.finishReason() != null;
      String content = pass(key(choice.index(), -1), d.content(), ending);
      List<ToolCallDelta> calls = new ArrayList<>(d.toolCalls().size());
      for (ToolCallDelta t : d.toolCalls()) {
        String args = t.argumentsFragment() == null ? null : pass(key(choice.index(), t.index()), t.argumentsFragment(),
            false);
        calls.add(new ToolCallDelta(t.index(), t.id(), t.name(), args));
      }
      if (ending) {
        for (Map.Entry<Long, StreamText> e : texts.entrySet()) {
          int tool = (int) (e.getKey() & 0xffffffffL) - 1;
          if ((e.getKey() >>> 32) == choice.index() && tool >= 0) {
            String rest = released(e.getKey(), e.getValue().flush());
            if (!rest.isEmpty()) {
              calls.add(new ToolCallDelta(tool, null, null, rest));
            }
          }
        }
      }
      choices.add(new ChunkChoice(choice.index(), new Delta(d.role(), content, d.reasoningContent(), d.refusal(),
          calls), choice.finishReason(), choice.logprobs()));
    }
    denyIfFound();
    return new ChatChunk(chunk.id(), chunk.model(), chunk.created(), choices, chunk.usage(), chunk.systemFingerprint(),
        chunk.serviceTier(), chunk.extra());
  }

  /**
   * What is still held back when the stream ends (a chunk, or none), after which every verdict is final.
   *
   * @throws GatewayException.GuardrailDenied when a deny guardrail failed
   */
  public List<ChatChunk> end() {
    List<ChunkChoice> rest = new ArrayList<>();
    for (Map.Entry<Long, StreamText> e : texts.entrySet()) {
      String text = released(e.getKey(), e.getValue().flush());
      if (!text.isEmpty()) {
        int choice = (int) (e.getKey() >>> 32);
        int tool = (int) (e.getKey() & 0xffffffffL) - 1;
        Delta delta = tool < 0 ? new Delta(null, text, null, null, List.of())
            : new Delta(null, null, null, null, List.of(new ToolCallDelta(tool, null, null, text)));
        rest.add(new ChunkChoice(choice, delta, null, null));
      }
    }
    denyIfFound();
    GuardSubject whole = wholeChecks ? subject() : null;
    for (Guardrail g : guardrails) {
      state.putAfter(verdict(g, whole));
    }
    if (state.denied()) {
      throw denied();
    }
    if (rest.isEmpty() || last == null) {
      return List.of();
    }
    return List.of(new ChatChunk(last.id(), last.model(), last.created(), rest, null, last.systemFingerprint(),
        last.serviceTier(), Map.of()));
  }

  private String pass(long key, String delta, boolean ending) {
    if (spans.isEmpty()) {
      if (delta != null) {
        released(key, delta);
      }
      return delta;
    }
    StreamText text = texts.computeIfAbsent(key, k -> new StreamText(spans, state.tags()));
    String out = delta == null ? "" : released(key, text.feed(delta));
    if (ending) {
      out += released(key, text.flush());
    }
    return out.isEmpty() && delta == null ? null : out;
  }

  private String released(long key, String text) {
    if (wholeChecks && !text.isEmpty()) {
      sent.computeIfAbsent(key, k -> new StringBuilder()).append(text);
    }
    return text;
  }

  /** Stops the stream when a deny guardrail's span check has found something in text about to go out. */
  private void denyIfFound() {
    for (Guardrail g : guardrails) {
      if (g.deny()) {
        GuardrailVerdict v = verdict(g, null);
        if (!v.verdict()) {
          state.putAfter(v);
          throw denied();
        }
      }
    }
  }

  private GatewayException.GuardrailDenied denied() {
    return GatewayException.guardrailDenied("the answer was stopped by a guardrail (see hook_results)",
        state.hookResults());
  }

  /** The guardrail's verdict so far: span checks from their findings, the others on {@code whole} when given. */
  private GuardrailVerdict verdict(Guardrail g, GuardSubject whole) {
    List<CheckVerdict> checks = new ArrayList<>(g.checks().size());
    boolean transformed = false;
    for (ConfiguredCheck c : g.checks()) {
      Integer index = c.check() instanceof SpanCheck span ? spanIndex.get(span) : null;
      if (index != null) {
        SpanCheck span = spans.get(index);
        Map<String, Integer> found = new TreeMap<>();
        for (StreamText t : texts.values()) {
          t.found(index).forEach((type, n) -> found.merge(type, n, Integer::sum));
        }
        CheckOutcome outcome = found.isEmpty() ? CheckOutcome.pass("nothing found")
            : span.redacts() ? CheckOutcome.pass("redacted " + SpanCheck.describe(found))
            : CheckOutcome.fail("found " + SpanCheck.describe(found));
        transformed |= span.redacts() && !found.isEmpty();
        checks.add(new CheckVerdict(c.id(), outcome.verdict(), outcome.explanation(), 0));
      } else if (whole != null && c.check() != null) {
        CheckOutcome outcome = c.applyNot(c.check().run(whole));
        checks.add(new CheckVerdict(c.id(), outcome.verdict(), outcome.explanation(), 0));
      }
    }
    return new GuardrailVerdict(g.id(), checks.stream().allMatch(CheckVerdict::verdict), g.deny(), transformed,
        checks, 0);
  }

  private GuardSubject subject() {
    List<String> all = new ArrayList<>();
    String first = "";
    for (Map.Entry<Long, StringBuilder> e : sent.entrySet()) {
      all.add(e.getValue().toString());
      if (e.getKey() == key(0, -1)) {
        first = e.getValue().toString();
      }
    }
    return new GuardSubject(all, first, model, metadata);
  }

  private static long key(int choice, int tool) {
    return ((long) choice << 32) | (tool + 1);
  }

  @Override
  public String toString() {
    return "StreamGuard[" + guardrails.size() + " guardrails, " + spans.size() + " span checks]";
  }
}
