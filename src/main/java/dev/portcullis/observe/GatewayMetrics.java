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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Prometheus metrics, fed from finished requests' records and from gauges read at scrape time. Labels stay
 * low-cardinality: {@code provider}, {@code model} (at most {@value #MAX_MODELS} distinct values, then
 * {@code other}), {@code status_class} and {@code workspace}; never keys, users or hosts. The meters of a label set
 * are made once and found again through maps, so recording a request allocates nothing once its labels were seen.
 */
public final class GatewayMetrics implements RequestListener {

  /** Beyond this many distinct models (callers choose model names), further ones are counted as {@code other}. */
  static final int MAX_MODELS = 200;

  private static final String OTHER = "other";

  /** Request durations and times to first token fall in these buckets (seconds), as Prometheus histograms. */
  private static final Duration[] BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
      Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
      Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)};

  private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  /** workspace → provider → model → meters. */
  private final Map<String, Map<String, Map<String, Series>>> series = new ConcurrentHashMap<>();
  private final Map<String, Boolean> models = new ConcurrentHashMap<>();
  private final Map<String, Counter> cacheResults = new ConcurrentHashMap<>();
  private final Map<String, Counter> policyVerdicts = new ConcurrentHashMap<>();
  private final Map<String, Counter> guardrailVerdicts = new ConcurrentHashMap<>();
  /** check id → its counters when it passed and when it failed. */
  private final Map<String, Counter[]> guardrailChecks = new ConcurrentHashMap<>();
  private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

  @Override
  public void ended(CallView call, RequestRecord record) {
    record(record);
  }

  /**
   * Counts one finished request: by provider, model, status class and workspace its count, duration, time to first
   * token (streams), tokens and cost; and the cache, policy and guardrail outcomes it carries. A label set seen before
   * costs three map lookups and no allocation.
   */
  public void record(RequestRecord r) {
    Series s = series(orNone(r.workspaceId()), orNone(r.provider()), r.model() == null ? "none" : r.model());
    int statusClass = Math.clamp(r.status() / 100 - 1, 0, STATUS_CLASSES.length - 1);
    s.requests(statusClass).increment();
    s.duration(statusClass).record(r.latencyMs(), TimeUnit.MILLISECONDS);
    if (r.stream() && r.ttfbMs() != null && statusClass == 1) {
      s.ttft.record(r.ttfbMs(), TimeUnit.MILLISECONDS);
    }
    if (r.promptTokens() != null) {
      s.inputTokens.increment(r.promptTokens());
    }
    if (r.completionTokens() != null) {
      s.outputTokens.increment(r.completionTokens());
    }
    if (r.costUsd() != null) {
      s.cost.increment(r.costUsd().doubleValue());
    }
    if (r.cacheStatus() != null) {
      counter(cacheResults, "portcullis_cache_results", "Requests by cache outcome", "status", r.cacheStatus())
          .increment();
    }
    if (r.policyVerdict() != null) {
      counter(policyVerdicts, "portcullis_policy_verdicts", "Requests by policy verdict (rate_limited and "
          + "budget_exceeded are refusals)", "verdict", r.policyVerdict()).increment();
    }
    if (r.guardrailVerdict() != null) {
      counter(guardrailVerdicts, "portcullis_guardrail_verdicts", "Requests by guardrail verdict", "verdict",
          r.guardrailVerdict()).increment();
    }
    if (r.hookResults() != null) {
      HookResultChecks.forEach(r.hookResults(), (check, passed) -> check(check)[passed ? 0 : 1].increment());
    }
  }

  private static String orNone(String value) {
    return value == null ? "none" : value;
  }

  /** The model as labels show it: itself while fewer than {@value #MAX_MODELS} were seen, else {@code other}. */
  private String capped(String model) {
    if (models.containsKey(model)) {
      return model;
    }
    synchronized (models) {
      if (models.size() >= MAX_MODELS) {
        return OTHER;
      }
      models.put(model, Boolean.TRUE);
      return model;
    }
  }

  private Series series(String workspace, String provider, String model) {
    Map<String, Map<String, Series>> byProvider = series.get(workspace);
    if (byProvider == null) {
      byProvider = series.computeIfAbsent(workspace, w -> new ConcurrentHashMap<>());
    }
    Map<String, Series> byModel = byProvider.get(provider);
    if (byModel == null) {
      byModel = byProvider.computeIfAbsent(provider, p -> new ConcurrentHashMap<>());
    }
    Series s = byModel.get(model);
    if (s != null) {
      return s;
    }
    String label = model.equals("none") ? model : capped(model);
    if (label.equals(OTHER)) {
      return byModel.computeIfAbsent(OTHER, m -> new Series(registry,
          Tags.of("provider", provider, "model", OTHER, "workspace", workspace)));
    }
    return byModel.computeIfAbsent(model, m -> new Series(registry,
        Tags.of("provider", provider, "model", model, "workspace", workspace)));
  }

  private Counter counter(Map<String, Counter> byValue, String name, String description, String label, String value) {
    Counter counter = byValue.get(value);
    return counter != null ? counter : byValue.computeIfAbsent(value,
        v -> Counter.builder(name).description(description).tags(label, v).register(registry));
  }

  private Counter[] check(String id) {
    Counter[] counters = guardrailChecks.get(id);
    return counters != null ? counters : guardrailChecks.computeIfAbsent(id, c -> new Counter[] {
        checkCounter(c, "passed"), checkCounter(c, "failed")});
  }

  private Counter checkCounter(String check, String verdict) {
    return Counter.builder("portcullis_guardrail_checks").description("Guardrail checks run, by check id and verdict")
        .tags("check", check, "verdict", verdict).register(registry);
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

  /** The meters of one (workspace, provider, model); those that also take a status class are made on first use. */
  private static final class Series {
    private final PrometheusMeterRegistry registry;
    private final Tags tags;
    private final AtomicReferenceArray<Counter> requests = new AtomicReferenceArray<>(STATUS_CLASSES.length);
    private final AtomicReferenceArray<Timer> durations = new AtomicReferenceArray<>(STATUS_CLASSES.length);
    private final Timer ttft;
    private final Counter inputTokens;
    private final Counter outputTokens;
    private final Counter cost;

    Series(PrometheusMeterRegistry registry, Tags tags) {
      this.registry = registry;
      this.tags = tags;
      this.ttft = Timer.builder("portcullis_time_to_first_token")
          .description("Time from arrival to the first byte of a successful stream")
          .tags(tags).serviceLevelObjectives(BUCKETS).register(registry);
      this.inputTokens = Counter.builder("portcullis_tokens").description("Tokens reported by providers in usage")
          .tags(tags).tag("type", "input").register(registry);
      this.outputTokens = Counter.builder("portcullis_tokens").description("Tokens reported by providers in usage")
          .tags(tags).tag("type", "output").register(registry);
      this.cost = Counter.builder("portcullis_cost_usd").description("What requests cost in USD, where priced")
          .tags(tags).register(registry);
    }

    Counter requests(int statusClass) {
      Counter counter = requests.get(statusClass);
      if (counter == null) {
        requests.compareAndSet(statusClass, null, Counter.builder("portcullis_requests")
            .description("Requests finished").tags(tags).tag("status_class", STATUS_CLASSES[statusClass])
            .register(registry));
        counter = requests.get(statusClass);
      }
      return counter;
    }

    Timer duration(int statusClass) {
      Timer timer = durations.get(statusClass);
      if (timer == null) {
        durations.compareAndSet(statusClass, null, Timer.builder("portcullis_request_duration")
            .description("Time from arrival to the last byte").tags(tags)
            .tag("status_class", STATUS_CLASSES[statusClass]).serviceLevelObjectives(BUCKETS).register(registry));
        timer = durations.get(statusClass);
      }
      return timer;
    }
  }
}
