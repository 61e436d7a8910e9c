package dev.portcullis.routing.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DelayerTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void zeroWaitCompletesAtOnce() {
    assertThat(Delayer.onTimers(vertx).delay(Duration.ZERO).succeeded()).isTrue();
  }

  @Test
  void waitCompletesOnAVertxTimer() throws Exception {
    Future<Void> wait = Delayer.onTimers(vertx).delay(Duration.ofMillis(1));
    wait.await(10, TimeUnit.SECONDS);
    assertThat(wait.succeeded()).isTrue();
  }
}
