package dev.portcullis.alert;

import dev.portcullis.observe.RequestRecord;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What one key or workspace did in one minute: counters the request path only adds to, from any thread. */
final class MinuteTally {

  private static final BigDecimal MICROS = BigDecimal.valueOf(1_000_000);

  final LongAdder requests = new LongAdder();
  final LongAdder errors = new LongAdder();
  final LongAdder costMicros = new LongAdder();
  final LongAdder tokens = new LongAdder();
  final LongAdder outputTokens = new LongAdder();
  final LongAdder answered = new LongAdder();
  final Map<String, LongAdder> models = new ConcurrentHashMap<>();

  void add(RequestRecord r) {
    requests.increment();
    if (r.status() >= 400) {
      errors.increment();
    }
    if (r.costUsd() != null) {
      costMicros.add(r.costUsd().multiply(MICROS).longValue());
    }
    if (r.totalTokens() != null) {
      tokens.add(r.totalTokens());
    }
    if (r.completionTokens() != null && r.status() < 400) {
      outputTokens.add(r.completionTokens());
      answered.increment();
    }
    if (r.model() != null) {
      models.computeIfAbsent(r.model(), m -> new LongAdder()).increment();
    }
  }
}
