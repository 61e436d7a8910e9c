package dev.portcullis.guard;

import dev.portcullis.time.GatewayClock;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs guardrails over texts: each check in order, a redacting check rewriting the texts the next ones read, a
 * webhook asked on the event loop's client. The verdicts name types and counts, never a matched value.
 */
public final class GuardRunner {

  private final HttpClient webhooks;
  private final WebhookAdmission admission;
  private final GatewayClock clock;

  public GuardRunner(HttpClient webhooks, WebhookAdmission admission, GatewayClock clock) {
    this.webhooks = webhooks;
    this.admission = admission;
    this.clock = clock;
  }

  /** Runs the request's guardrails, adding their verdicts to {@code state}; the texts may be rewritten. */
  public Future<Void> before(List<Guardrail> guardrails, GuardTexts texts, String model, Map<String, String> metadata,
      GuardState state) {
    Future<Void> chain = Future.succeededFuture();
    for (Guardrail g : guardrails) {
      chain = chain.compose(v -> run(g, texts, model, metadata, state.tags(), "beforeRequestHook")
          .map(verdict -> {
            state.addBefore(verdict);
            return null;
          }));
    }
    return chain;
  }

  /** Runs the answer's guardrails (no webhooks), adding their verdicts to {@code state}. */
  public void after(List<Guardrail> guardrails, GuardTexts texts, String model, Map<String, String> metadata,
      GuardState state) {
    for (Guardrail g : guardrails) {
      state.putAfter(runLocal(g, texts, model, metadata, state.tags()));
    }
  }

  private Future<GuardrailVerdict> run(Guardrail g, GuardTexts texts, String model, Map<String, String> metadata,
      RedactionTags tags, String event) {
    if (!g.callsWebhook()) {
      return Future.succeededFuture(runLocal(g, texts, model, metadata, tags));
    }
    long started = clock.nanoTime();
    List<CheckVerdict> checks = new ArrayList<>(g.checks().size());
    boolean[] transformed = new boolean[1];
    Future<Void> chain = Future.succeededFuture();
    for (ConfiguredCheck c : g.checks()) {
      chain = chain.compose(v -> {
        long t0 = clock.nanoTime();
        if (c.webhook() != null) {
          return c.webhook().call(webhooks, admission, texts.subject(model, metadata), event).map(outcome -> {
            checks.add(verdict(c, c.applyNot(outcome), t0));
            return null;
          });
        }
        transformed[0] |= runOne(c, texts, model, metadata, tags, checks);
        return Future.succeededFuture();
      });
    }
    return chain.map(v -> verdict(g, checks, transformed[0], started));
  }

  /** One guardrail whose checks all run here. */
  GuardrailVerdict runLocal(Guardrail g, GuardTexts texts, String model, Map<String, String> metadata,
      RedactionTags tags) {
    long started = clock.nanoTime();
    List<CheckVerdict> checks = new ArrayList<>(g.checks().size());
    boolean transformed = false;
    for (ConfiguredCheck c : g.checks()) {
      if (c.webhook() != null) {
        checks.add(new CheckVerdict(c.id(), false, "webhooks run on requests only", 0));
        continue;
      }
      transformed |= runOne(c, texts, model, metadata, tags, checks);
    }
    return verdict(g, checks, transformed, started);
  }

  /** Runs one local check, adding its verdict; returns whether it rewrote a text. */
  private boolean runOne(ConfiguredCheck c, GuardTexts texts, String model, Map<String, String> metadata,
      RedactionTags tags, List<CheckVerdict> checks) {
    long t0 = clock.nanoTime();
    if (c.check() instanceof SpanCheck span && span.redacts()) {
      Map<String, Integer> found = redact(span, texts, tags);
      CheckOutcome outcome = found.isEmpty() ? CheckOutcome.pass("nothing found")
          : CheckOutcome.pass("redacted " + SpanCheck.describe(found));
      checks.add(verdict(c, c.applyNot(outcome), t0));
      return !found.isEmpty();
    }
    checks.add(verdict(c, c.applyNot(c.check().run(texts.subject(model, metadata))), t0));
    return false;
  }

  /** Redacts every text; returns the findings per type. */
  private static Map<String, Integer> redact(SpanCheck span, GuardTexts texts, RedactionTags tags) {
    Map<String, Integer> counts = new TreeMap<>();
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.text(i);
      List<Detection> found = span.detect(text);
      if (!found.isEmpty()) {
        texts.set(i, span.redact(text, found, tags));
        found.forEach(d -> counts.merge(d.type(), 1, Integer::sum));
      }
    }
    return counts;
  }

  private CheckVerdict verdict(ConfiguredCheck c, CheckOutcome outcome, long startedNanos) {
    return new CheckVerdict(c.id(), outcome.verdict(), outcome.explanation(), millis(startedNanos));
  }

  private GuardrailVerdict verdict(Guardrail g, List<CheckVerdict> checks, boolean transformed, long startedNanos) {
    boolean verdict = checks.stream().allMatch(CheckVerdict::verdict);
    return new GuardrailVerdict(g.id(), verdict, g.deny(), transformed, checks, millis(startedNanos));
  }

  private double millis(long startedNanos) {
    return Math.round((clock.nanoTime() - startedNanos) / 1_000.0) / 1_000.0;
  }

  @Override
  public String toString() {
    return "GuardRunner";
  }
}
