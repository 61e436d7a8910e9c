package dev.portcullis.routing.config;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits without blocking; the engine's only source of delay, so tests can replace it and never sleep. */
@FunctionalInterface
public interface Delayer {

  Future<Void> delay(Duration duration);

  /** Waits on Vert.x timers, completing on the calling context; a zero wait completes at once. */
  static Delayer onTimers(Vertx vertx) {
    return duration -> duration.toMillis() < 1
        ? Future.succeededFuture()
        : vertx.timer(duration.toMillis(), TimeUnit.MILLISECONDS).mapEmpty();
  }
}
