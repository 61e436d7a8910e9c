package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.mock.MockUpstreamOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MockUpstreamCommandTest {

  private static MockUpstreamOptions parse(String... args) {
    MockUpstreamCommand command = new MockUpstreamCommand();
    new CommandLine(command).parseArgs(args);
    return command.options();
  }

  @Test
  void mockUpstreamWithoutFlagsListensOnLoopbackPort9000AndAnswersFast() {
    assertThat(parse()).isEqualTo(new MockUpstreamOptions("127.0.0.1", 9000, 0, 5, 0, 200, 0.0, 0.0, 0.0, 42, true));
  }

  @Test
  void mockUpstreamMapsEveryFlagToItsOption() {
    assertThat(parse("--port", "0", "--host", "0.0.0.0", "--latency-ms", "30", "--chunks", "20",
            "--chunk-interval-ms", "500", "--status", "503", "--error-rate", "0.1", "--reset-rate", "0.05",
            "--seed", "7", "--no-record"))
        .isEqualTo(new MockUpstreamOptions("0.0.0.0", 0, 30, 20, 500, 503, 0.1, 0.05, 0.0, 7, false));
  }

  @Test
  void mockUpstreamRejectsAnOutOfRangeRateNamingIt() {
    assertThatThrownBy(() -> parse("--error-rate", "2"))
        .hasMessage("errorRate: 2.0 (expected: 0.0..1.0)");
  }
}
