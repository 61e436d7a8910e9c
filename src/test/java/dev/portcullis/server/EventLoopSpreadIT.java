package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway runs one server instance per core so that connections spread over every event loop. Instances that
 * share an event loop leave cores idle under load (this happened on most starts while each instance built its
 * upstream client inside its own start), so the rule is checked over several starts.
 */
class EventLoopSpreadIT {

  private static final int STARTS = 6;

  @TempDir Path dir;

  @Test
  void everyStartServesFromOneEventLoopPerCore() {
    int cores = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i < STARTS; i++) {
      try (GatewayHarness h = new GatewayHarness(dir.resolve("start-" + i))) {
        assertThat(h.gateway.eventLoopsServing()).as("event loops serving on start %d", i + 1).isEqualTo(cores);
        assertThat(h.chat("{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
            .statusCode()).isEqualTo(200);
      }
    }
  }
}
