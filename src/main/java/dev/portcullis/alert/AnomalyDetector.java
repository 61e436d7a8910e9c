package dev.portcullis.alert;

import dev.portcullis.observe.CallView;
import dev.portcullis.observe.RequestListener;
import dev.portcullis.observe.RequestRecord;
import dev.portcullis.time.GatewayClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Watches five signals per gateway key and per workspace. When a call ends the listener only adds it to the
 * counters of its minute (per key and per workspace); {@link #evaluate} runs on a timer off the event loop, judges
 * every minute that has closed against each signal's {@link Baseline}, then lets the baseline learn it.
 *
 * <p>A minute is anomalous for a signal when its key or workspace had at least {@code min_requests} calls, the
 * baseline has learnt {@code warmup_minutes} minutes, the value passes the workspace's threshold (a ratio, a share
 * or an increase) and lies at least {@value #DEVIATIONS} mean deviations from the baseline. One alert per episode
 * (anomalous minutes in a row), and none within {@code cooldown_minutes} of the previous one for the same signal
 * and subject; a workspace does not alert on a signal one of its keys alerts on in the same evaluation. What an
 * anomalous minute teaches the baseline is clamped to the threshold, so a lasting new level becomes normal within
 * about an hour instead of at once.
 */
public final class AnomalyDetector implements RequestListener {

  /** How far from its baseline, in mean absolute deviations, a value must be as well. */
  static final double DEVIATIONS = 4;
  private static final long MINUTE_MS = 60_000;
  /** A minute is judged this long after it ends, so calls ending on other threads at its last instant are in. */
  private static final long GRACE_MS = 2_000;
  private static final long IDLE_MINUTES_FORGOTTEN = 24 * 60;
  private static final int MAX_MODELS = 20;

  private final GatewayClock clock;
  private final Map<Subject, Watch> watches = new ConcurrentHashMap<>();

  public AnomalyDetector(GatewayClock clock) {
    this.clock = clock;
  }

  /** Whose traffic a watch follows: one gateway key of a workspace, or (key null) the whole workspace. */
  private record Subject(String workspaceId, String apiKeyId) {
    String describe() {
      return apiKeyId == null ? "workspace '" + workspaceId + "'" : "api key '" + apiKeyId + "'";
    }
  }

  /** The only work on the request path: two map lookups and a few counter additions. */
  @Override
  public void ended(CallView call, RequestRecord record) {
    if (record.workspaceId() == null) {
      return;
    }
    long minute = clock.millis() / MINUTE_MS;
    tally(new Subject(record.workspaceId(), null), minute).add(record);
    if (record.apiKeyId() != null) {
      tally(new Subject(record.workspaceId(), record.apiKeyId()), minute).add(record);
    }
  }

  private MinuteTally tally(Subject subject, long minute) {
    return watches.computeIfAbsent(subject, s -> new Watch()).minutes.computeIfAbsent(minute, m -> new MinuteTally());
  }

  /**
   * Judges every closed minute not judged yet and answers the alerts to raise. Keys first, then workspaces.
   * Called by one thread at a time (the timer's); never on the event loop.
   */
  public synchronized List<Alert> evaluate(Instant now, Function<String, AnomalySettings> settingsOf) {
    long closedBefore = (now.toEpochMilli() - GRACE_MS) / MINUTE_MS;
    List<Alert> alerts = new ArrayList<>();
    Set<String> seenOnKeys = new HashSet<>();
    for (boolean keys : new boolean[] {true, false}) {
      for (Map.Entry<Subject, Watch> e : watches.entrySet()) {
        Subject subject = e.getKey();
        if ((subject.apiKeyId() != null) != keys) {
          continue;
        }
        AnomalySettings settings = settingsOf.apply(subject.workspaceId());
        for (long minute : new TreeSet<>(e.getValue().minutes.keySet())) {
          if (minute >= closedBefore) {
            break;
          }
          MinuteTally t = e.getValue().minutes.remove(minute);
          for (Finding f : e.getValue().judge(t, minute, settings)) {
            String covering = subject.workspaceId() + "|" + f.signal();
            if (keys) {
              seenOnKeys.add(covering);
            }
            if (e.getValue().opens(f.signal(), minute, settings) && settings.enabled()
                && (keys || !seenOnKeys.contains(covering))) {
              alerts.add(alert(subject, f, now));
            }
          }
        }
      }
    }
    watches.entrySet().removeIf(e -> e.getValue().minutes.isEmpty()
        && closedBefore - e.getValue().lastMinute > IDLE_MINUTES_FORGOTTEN);
    return alerts;
  }

  private static Alert alert(Subject subject, Finding f, Instant now) {
    return Alert.raise(AlertKind.ANOMALY, f.signal().wireName(), f.signal().title(),
        f.signal() == AnomalySignal.ERROR_RATE ? AlertSeverity.CRITICAL : AlertSeverity.WARNING,
        f.signal().title() + " on " + subject.describe() + ": " + f.what(), subject.workspaceId(), subject.apiKeyId(),
        null, null, now);
  }

  /** A signal found anomalous in one minute, and in words what was seen. */
  private record Finding(AnomalySignal signal, String what) {}

  /** One subject's pending minutes (shared with the request path) and its baselines (evaluator only). */
  private static final class Watch {
    final Map<Long, MinuteTally> minutes = new ConcurrentHashMap<>();
    final Map<AnomalySignal, Baseline> baselines = new EnumMap<>(AnomalySignal.class);
    final Map<String, Baseline> modelShares = new HashMap<>();
    final Map<AnomalySignal, Boolean> inEpisode = new EnumMap<>(AnomalySignal.class);
    final Map<AnomalySignal, Long> lastAlertMinute = new EnumMap<>(AnomalySignal.class);
    long lastMinute;

    Watch() {
      for (AnomalySignal s : AnomalySignal.values()) {
        baselines.put(s, new Baseline());
      }
    }

    /** Whether a finding in {@code minute} starts a new alert, and records the episode either way. */
    boolean opens(AnomalySignal signal, long minute, AnomalySettings settings) {
      boolean continuing = inEpisode.getOrDefault(signal, false);
      inEpisode.put(signal, true);
      Long last = lastAlertMinute.get(signal);
      if (continuing || last != null && minute - last < settings.cooldownMinutes()) {
        return false;
      }
      lastAlertMinute.put(signal, minute);
      return true;
    }

    List<Finding> judge(MinuteTally t, long minute, AnomalySettings s) {
      lastMinute = Math.max(lastMinute, minute);
      long n = t.requests.sum();
      boolean judged = n >= s.minRequests() && baselines.get(AnomalySignal.COST_SPIKE).minutes() >= s.warmupMinutes();
      List<Finding> found = new ArrayList<>();
      double cost = t.costMicros.sum() / 1e6;
      if (rise(AnomalySignal.COST_SPIKE, cost, s.costSpikeRatio(), judged)) {
        found.add(new Finding(AnomalySignal.COST_SPIKE, String.format(Locale.ROOT, "$%.4f in the minute from %s, "
            + "%.1fx its baseline of $%.4f a minute", cost, start(minute), ratio(cost, AnomalySignal.COST_SPIKE),
            baselines.get(AnomalySignal.COST_SPIKE).mean())));
      }
      learn(AnomalySignal.COST_SPIKE, cost, s.costSpikeRatio());
      double tokens = t.tokens.sum();
      if (rise(AnomalySignal.TOKEN_BURN, tokens, s.tokenBurnRatio(), judged)) {
        found.add(new Finding(AnomalySignal.TOKEN_BURN, String.format(Locale.ROOT, "%.0f tokens in the minute from "
            + "%s, %.1fx its baseline of %.0f a minute", tokens, start(minute), ratio(tokens, AnomalySignal.TOKEN_BURN),
            baselines.get(AnomalySignal.TOKEN_BURN).mean())));
      }
      learn(AnomalySignal.TOKEN_BURN, tokens, s.tokenBurnRatio());
      long answered = t.answered.sum();
      if (answered > 0) {
        judgeLength(t.outputTokens.sum() / (double) answered, judged && answered >= s.minRequests(), minute, s,
            found);
      }
      double errorRate = n == 0 ? 0 : t.errors.sum() / (double) n;
      Baseline errors = baselines.get(AnomalySignal.ERROR_RATE);
      if (judged && errorRate - errors.mean() >= s.errorRateIncrease() && errorRate >= 2 * errors.mean()
          && errorRate - errors.mean() >= DEVIATIONS * errors.deviation()) {
        found.add(new Finding(AnomalySignal.ERROR_RATE, String.format(Locale.ROOT, "%.0f%% of %d calls failed in the "
            + "minute from %s, against a baseline of %.1f%%", errorRate * 100, n, start(minute), errors.mean() * 100)));
        errors.learn(errors.mean() + s.errorRateIncrease());
      } else {
        errors.learn(errorRate);
      }
      judgeModels(t, n, judged, minute, s, found);
      for (AnomalySignal signal : AnomalySignal.values()) {
        if (found.stream().noneMatch(f -> f.signal() == signal)) {
          inEpisode.put(signal, false);
        }
      }
      return found;
    }

    private boolean rise(AnomalySignal signal, double value, double ratio, boolean judged) {
      Baseline b = baselines.get(signal);
      return judged && value > 0 && value >= ratio * b.mean() && value - b.mean() >= DEVIATIONS * b.deviation();
    }

    private double ratio(double value, AnomalySignal signal) {
      double mean = baselines.get(signal).mean();
      return mean == 0 ? Double.POSITIVE_INFINITY : value / mean;
    }

    /** Learns a value, clamped to {@code ratio} times the baseline when it is above that. */
    private void learn(AnomalySignal signal, double value, double ratio) {
      Baseline b = baselines.get(signal);
      b.learn(b.minutes() > 0 ? Math.min(value, Math.max(ratio * b.mean(), b.mean() + DEVIATIONS * b.deviation()))
          : value);
    }

    private void judgeLength(double mean, boolean judged, long minute, AnomalySettings s, List<Finding> found) {
      Baseline b = baselines.get(AnomalySignal.RESPONSE_LENGTH);
      double ratio = s.responseLengthRatio();
      boolean shifted = judged && b.mean() > 0 && (mean >= ratio * b.mean() || mean <= b.mean() / ratio)
          && Math.abs(mean - b.mean()) >= DEVIATIONS * b.deviation();
      if (shifted) {
        found.add(new Finding(AnomalySignal.RESPONSE_LENGTH, String.format(Locale.ROOT, "answers averaged %.0f output "
            + "tokens in the minute from %s, against a baseline of %.0f", mean, start(minute), b.mean())));
      }
      b.learn(b.minutes() == 0 ? mean : Math.max(b.mean() / ratio, Math.min(mean, ratio * b.mean())));
    }

    private void judgeModels(MinuteTally t, long n, boolean judged, long minute, AnomalySettings s,
        List<Finding> found) {
      if (n == 0) {
        return;
      }
      boolean warm = !modelShares.isEmpty();
      t.models.keySet().forEach(m -> modelShares.computeIfAbsent(m, k -> new Baseline()));
      String shiftedTo = null;
      double shiftedShare = 0;
      double shiftedBaseline = 0;
      for (Map.Entry<String, Baseline> e : modelShares.entrySet()) {
        var count = t.models.get(e.getKey());
        double share = count == null ? 0 : count.sum() / (double) n;
        Baseline b = e.getValue();
        if (b.minutes() == 0 && warm) {
          b.learn(0);
        }
        double mean = b.mean();
        boolean rose = judged && b.minutes() > 0 && share - mean >= s.modelShiftShare()
            && share - mean >= DEVIATIONS * b.deviation();
        if (rose && share - mean > shiftedShare - shiftedBaseline) {
          shiftedTo = e.getKey();
          shiftedShare = share;
          shiftedBaseline = mean;
        }
        b.learn(rose ? mean + s.modelShiftShare() : share);
      }
      if (shiftedTo != null) {
        found.add(new Finding(AnomalySignal.MODEL_SHIFT, String.format(Locale.ROOT, "'%s' took %.0f%% of %d calls in "
            + "the minute from %s, against a baseline share of %.0f%%", shiftedTo, shiftedShare * 100, n,
            start(minute), shiftedBaseline * 100)));
      }
      if (modelShares.size() > MAX_MODELS) {
        modelShares.entrySet().removeIf(e -> e.getValue().mean() < 0.001);
      }
    }

    private static String start(long minute) {
      return Instant.ofEpochMilli(minute * MINUTE_MS).toString();
    }
  }
}
