package dev.portcullis.server;

import io.vertx.core.Future;
import java.util.List;

/** The stages after the current one; each link may be followed once, and a stage that tries twice is named. */
final class Chain {

  private final List<Stage> stages;
  private final int index;
  private boolean proceeded;

  private Chain(List<Stage> stages, int index) {
    this.stages = stages;
    this.index = index;
  }

  /** The chain of every stage, from the first. */
  static Chain of(List<Stage> stages) {
    return new Chain(stages, 0);
  }

  /** Hands the call to the next stage. */
  Future<Void> proceed(Exchange call) {
    if (proceeded) {
      throw new IllegalStateException("stage " + stages.get(index - 1) + " must call proceed() at most once");
    }
    proceeded = true;
    if (index == stages.size()) {
      throw new IllegalStateException("stage " + stages.get(index - 1) + " is the last stage and cannot proceed");
    }
    return stages.get(index).serve(call, new Chain(stages, index + 1));
  }
}
