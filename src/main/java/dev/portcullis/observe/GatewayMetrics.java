package dev.portcullis.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Prometheus metrics, fed from finished requests' records and from gauges read at scrape time. Label values stay
 * low-cardinality: provider and status for requests, target for breakers.
 */
public final class GatewayMetrics implements RequestListener {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, Timer> requestTimers = new ConcurrentHashMap<>();
  private final Map<String, Counter> tokenCounters = new ConcurrentHashMap<>();
  private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

  @Override
  public void ended(CallView call, RequestRecord record) {
    record(record);
  }

  /** Counts one finished request: its latency by provider and status, and its tokens by provider. */
  public void record(RequestRecord r) {
    String provider = r.provider() == null ? "none" : r.provider();
    String status = Integer.toString(r.status());
    requestTimers.computeIfAbsent(provider + ' ' + status, k -> Timer.builder("portcullis_requests")
        .description("Requests by provider and status, with total latency")
        .tags("provider", provider, "status", status)
        .register(registry)).record(Duration.ofMillis(r.latencyMs()));
    if (r.totalTokens() != null) {
      tokenCounters.computeIfAbsent(provider, k -> Counter.builder("portcullis_tokens")
          .description("Tokens reported by providers in usage")
          .tags("provider", provider)
          .register(registry)).increment(r.totalTokens());
    }
  }

  /** A gauge read at scrape time. */
  public <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
    Gauge.builder(name, source, value).description(description).register(registry);
  }

  /** A counter read at scrape time; Prometheus shows it as {@code <name>_total}. */
  public <T> void counter(String name, String description, T source, ToDoubleFunction<T> value) {
    FunctionCounter.builder(name, source, value).description(description).register(registry);
  }

  /** A gauge with one series per label value; the set of values is read again at every scrape. */
  public void gauges(String name, String description, String label, Supplier<Map<String, Double>> values) {
    MultiGauge gauge = MultiGauge.builder(name).description(description).register(registry);
    beforeScrape.add(() -> gauge.register(values.get().entrySet().stream()
        .map(e -> MultiGauge.Row.of(Tags.of(label, e.getKey()), e.getValue())).toList(), true));
  }

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    beforeScrape.forEach(Runnable::run);
    return registry.scrape();
  }
}
