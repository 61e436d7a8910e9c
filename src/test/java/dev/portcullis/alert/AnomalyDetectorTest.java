package dev.portcullis.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.observe.RequestRecord;
import dev.portcullis.testing.MutableClock;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Simulated traffic on an injected clock: two keys of one workspace, about 15 calls a minute each, with normal noise
 * on volume, cost and lengths, 1% errors and an 80/20 split over two models. The detector is evaluated every 10
 * seconds, as the gateway's timer does.
 */
class AnomalyDetectorTest {

  private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
  private static final Duration TICK = Duration.ofSeconds(10);
  /** The documented worst case: the partial first minute, one full minute, the 2 s grace and one 10 s tick. */
  private static final Duration DOCUMENTED_DELAY = Duration.ofSeconds(132);

  private final MutableClock clock = new MutableClock(START);
  private final AnomalyDetector detector = new AnomalyDetector(clock);
  private final Random random = new Random(18);
  private final List<Alert> alerts = new ArrayList<>();
  private int ids;

  /** How key-1 behaves in a stretch of the simulation. */
  private record Behaviour(double costFactor, double errorRate) {
    static final Behaviour STEADY = new Behaviour(1, 0.01);
  }

  @Test
  void aDayOfSteadyTrafficWithNormalNoiseRaisesNoAlert() {
    run(Duration.ofHours(24), Behaviour.STEADY);

    assertThat(alerts).isEmpty();
  }

  @Test
  void aTenfoldCostSpikeOnOneKeyRaisesExactlyOneAlertWithinTheDocumentedDelay() {
    run(Duration.ofHours(2), Behaviour.STEADY);
    Instant spike = clock.instant();
    run(Duration.ofMinutes(10), new Behaviour(10, 0.01));
    run(Duration.ofHours(1), Behaviour.STEADY);

    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo(AlertKind.ANOMALY);
      assertThat(a.ruleId()).isEqualTo("cost_spike");
      assertThat(a.apiKeyId()).isEqualTo("key-1");
      assertThat(Duration.between(spike, a.createdAt())).isLessThanOrEqualTo(DOCUMENTED_DELAY);
    });
  }

  @Test
  void anErrorBurstRaisesExactlyOneAlertWithinTheDocumentedDelay() {
    run(Duration.ofHours(2), Behaviour.STEADY);
    Instant burst = clock.instant().plusSeconds(25);
    run(Duration.ofSeconds(25), Behaviour.STEADY);
    run(Duration.ofMinutes(5), new Behaviour(1, 0.5));
    run(Duration.ofHours(1), Behaviour.STEADY);

    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.ruleId()).isEqualTo("error_rate");
      assertThat(a.severity()).isEqualTo(AlertSeverity.CRITICAL);
      assertThat(a.apiKeyId()).isEqualTo("key-1");
      assertThat(Duration.between(burst, a.createdAt())).isLessThanOrEqualTo(DOCUMENTED_DELAY);
    });
  }

  @Test
  void trafficMovingToAnotherModelRaisesAModelShiftAlert() {
    run(Duration.ofHours(2), Behaviour.STEADY);
    model = "claude-sonnet-4";
    run(Duration.ofMinutes(10), Behaviour.STEADY);

    assertThat(alerts).extracting(Alert::ruleId).contains("model_shift");
  }

  @Test
  void aKeyBelowTheMinimumVolumeNeverAlerts() {
    minimumVolume = 1000;
    run(Duration.ofHours(2), Behaviour.STEADY);
    run(Duration.ofMinutes(10), new Behaviour(10, 0.5));

    assertThat(alerts).isEmpty();
  }

  private String model;
  private int minimumVolume = AnomalySettings.DEFAULTS.minRequests();

  private void run(Duration length, Behaviour key1) {
    Instant end = clock.instant().plus(length);
    while (clock.instant().isBefore(end)) {
      for (String key : List.of("key-1", "key-2")) {
        int calls = (int) Math.max(0, Math.round(2.5 + 0.4 * random.nextGaussian()));
        for (int i = 0; i < calls; i++) {
          detector.ended(null, call(key, key.equals("key-1") ? key1 : Behaviour.STEADY));
        }
      }
      clock.advance(TICK);
      AnomalySettings settings = new AnomalySettings(true, minimumVolume, 30, 30, 3.0, 3.0, 2.0, 0.5, 0.2);
      alerts.addAll(detector.evaluate(clock.instant(), workspace -> settings));
    }
  }

  private RequestRecord call(String key, Behaviour b) {
    boolean failed = random.nextDouble() < b.errorRate();
    String chosen = model != null ? model : random.nextDouble() < 0.8 ? "gpt-4o" : "gpt-4o-mini";
    RequestRecord.Builder r = RequestRecord.builder("req-" + ids++, clock.instant()).workspaceId("default")
        .apiKeyId(key).model(chosen).status(failed ? 500 : 200);
    if (!failed) {
      int input = (int) Math.max(1, 500 + 100 * random.nextGaussian());
      int output = (int) Math.max(1, 300 + 60 * random.nextGaussian());
      double cost = Math.max(0.0001, 0.002 + 0.0004 * random.nextGaussian()) * b.costFactor();
      r.tokens(input, output, input + output, null, null).cost(new BigDecimal(cost, MathContext.DECIMAL64), "priced");
    }
    return r.build();
  }
}
