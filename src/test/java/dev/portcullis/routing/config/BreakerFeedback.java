package dev.portcullis.routing.config;

import dev.portcullis.observe.AttemptOutcome;
import dev.portcullis.observe.AttemptView;
import io.vertx.core.Future;

/**
 * A target call that reports each attempt's outcome to the breakers the way the request path does (as a request
 * event), so executor tests see breakers open and close.
 */
final class BreakerFeedback implements TargetCall {

  static final String WORKSPACE = "default";

  private final TargetCall call;
  private final BreakerRegistry breakers;

  BreakerFeedback(TargetCall call, BreakerRegistry breakers) {
    this.call = call;
    this.breakers = breakers;
  }

  @Override
  public Future<AttemptResult> call(TargetNode target, int attempt) {
    return call.call(target, attempt).andThen(done -> {
      AttemptOutcome outcome = switch (done.succeeded() ? done.result() : AttemptResult.connectionError(done.cause())) {
        case AttemptResult.Success s -> new AttemptOutcome(200, null, 0, false);
        case AttemptResult.Failure f -> new AttemptOutcome(f.status(), "error", 0, f.blamesTarget());
      };
      breakers.attemptEnded(null, view(target), outcome);
    });
  }

  private static AttemptView view(TargetNode target) {
    return new AttemptView() {
      @Override
      public int index() {
        return 0;
      }

      @Override
      public String option() {
        return target.path();
      }

      @Override
      public String provider() {
        return target.provider();
      }

      @Override
      public String model() {
        return null;
      }

      @Override
      public String virtualKey() {
        return target.virtualKey();
      }

      @Override
      public String targetKey() {
        return BreakerRegistry.key(WORKSPACE, target);
      }

      @Override
      public void putHeader(String name, String value) {}
    };
  }
}
