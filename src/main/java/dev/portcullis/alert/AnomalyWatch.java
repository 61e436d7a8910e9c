package dev.portcullis.alert;

import dev.portcullis.time.GatewayClock;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the detectors every {@value #TICK_MS} ms on a worker thread: reads every workspace's thresholds, judges the
 * closed minutes, stores the alerts found (which queues their webhooks).
 */
public final class AnomalyWatch {

  static final long TICK_MS = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(AnomalyWatch.class);

  private final AnomalyDetector detector;
  private final AnomalySettingsService settings;
  private final AlertService alerts;
  private final GatewayClock clock;
  private final AtomicBoolean running = new AtomicBoolean();

  public AnomalyWatch(AnomalyDetector detector, AnomalySettingsService settings, AlertService alerts,
      GatewayClock clock) {
    this.detector = detector;
    this.settings = settings;
    this.alerts = alerts;
    this.clock = clock;
  }

  public void start(Vertx vertx) {
    vertx.setPeriodic(TICK_MS, id -> {
      if (running.compareAndSet(false, true)) {
        vertx.executeBlocking(this::evaluate, false)
            .onComplete(ar -> running.set(false))
            .onFailure(e -> LOG.warn("anomaly detection could not run: {}", e.getMessage()));
      }
    });
  }

  private Void evaluate() {
    Map<String, AnomalySettings> own = settings.all();
    for (Alert a : detector.evaluate(clock.instant(), w -> own.getOrDefault(w, AnomalySettings.DEFAULTS))) {
      alerts.raise(a);
    }
    return null;
  }
}
