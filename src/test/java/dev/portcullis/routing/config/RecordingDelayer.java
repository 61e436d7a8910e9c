package dev.portcullis.routing.config;

import dev.portcullis.testing.MutableClock;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Completes every wait at once, moving the test clock by it and remembering it. */
final class RecordingDelayer implements Delayer {

  private final MutableClock clock;
  private final List<Duration> waits = new ArrayList<>();

  RecordingDelayer(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public Future<Void> delay(Duration duration) {
    waits.add(duration);
    clock.advance(duration);
    return Future.succeededFuture();
  }

  List<Duration> waits() {
    return waits;
  }
}
