package dev.portcullis.routing.smart;

import dev.portcullis.observe.AttemptOutcome;
import dev.portcullis.observe.AttemptView;
import dev.portcullis.observe.CallView;
import dev.portcullis.observe.RequestListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live health per provider as smart routing sees it: an exponentially weighted moving average of latency and of
 * the failure rate, updated after every attempt. A provider never tried scores as unknown (neutral).
 */
public final class ProviderScores implements RequestListener {

  static final double ALPHA = 0.2;

  /** A provider's current averages. */
  public record Health(double latencyMs, double errorRate, long samples) {}

  private static final class Averages {
    double latencyMs;
    double errorRate;
    long samples;
  }

  private final Map<String, Averages> byProvider = new ConcurrentHashMap<>();

  /**
   * Every attempt that reached a provider updates its scores; one that never got an answer through no fault of the
   * provider (the caller's own timeout, a client that left) says nothing about it.
   */
  @Override
  public void attemptEnded(CallView call, AttemptView attempt, AttemptOutcome outcome) {
    if (attempt.provider() != null && (outcome.status() > 0 || outcome.blamesTarget())) {
      record(attempt.provider(), outcome.durationNanos() / 1_000_000, outcome.blamesTarget());
    }
  }

  public void record(String provider, long latencyMs, boolean failed) {
    Averages a = byProvider.computeIfAbsent(provider, p -> new Averages());
    synchronized (a) {
      if (a.samples == 0) {
        a.latencyMs = latencyMs;
        a.errorRate = failed ? 1 : 0;
      } else {
        a.latencyMs += ALPHA * (latencyMs - a.latencyMs);
        a.errorRate += ALPHA * ((failed ? 1 : 0) - a.errorRate);
      }
      a.samples++;
    }
  }

  /** The provider's averages, or null when it was never tried. */
  public Health health(String provider) {
    Averages a = byProvider.get(provider);
    if (a == null) {
      return null;
    }
    synchronized (a) {
      return new Health(a.latencyMs, a.errorRate, a.samples);
    }
  }
}
