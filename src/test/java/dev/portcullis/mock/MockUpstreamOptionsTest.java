package dev.portcullis.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MockUpstreamOptionsTest {

  @Test
  void defaultsAreAFastHealthyRecordingServerOnAFreePort() {
    assertThat(MockUpstreamOptions.defaults())
        .isEqualTo(new MockUpstreamOptions("127.0.0.1", 0, 0, 5, 0, 200, 0.0, 0.0, 0.0, 42, true));
  }

  @Test
  void outOfRangeValuesAreRejectedNamingTheFieldAndTheExpectation() {
    assertThatThrownBy(() -> MockUpstreamOptions.defaults().withChunks(-1))
        .hasMessage("chunks: -1 (expected: >= 0)");
    assertThatThrownBy(() -> MockUpstreamOptions.defaults().withErrorRate(1.5))
        .hasMessage("errorRate: 1.5 (expected: 0.0..1.0)");
    assertThatThrownBy(() -> new MockUpstreamOptions("127.0.0.1", 0, 0, 5, 0, 99, 0.0, 0.0, 0.0, 42, true))
        .hasMessage("status: 99 (expected: 100..599)");
  }

  @Test
  void stallRateOutsideShareIsRefused() {
    assertThatThrownBy(() -> MockUpstreamOptions.defaults().withFaults(0, 0, 1.5))
        .hasMessage("stallRate: 1.5 (expected: 0.0..1.0)");
  }
}
