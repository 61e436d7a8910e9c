package dev.portcullis.routing.config;

import java.util.random.RandomGenerator;

/** Always draws the top (or the bottom) of the asked range, so jittered waits come out exact. */
final class EdgeRandom implements RandomGenerator {

  private final boolean top;

  private EdgeRandom(boolean top) {
    this.top = top;
  }

  static EdgeRandom top() {
    return new EdgeRandom(true);
  }

  static EdgeRandom bottom() {
    return new EdgeRandom(false);
  }

  @Override
  public long nextLong() {
    return top ? Long.MAX_VALUE : 0;
  }

  @Override
  public long nextLong(long bound) {
    return top ? bound - 1 : 0;
  }

  @Override
  public double nextDouble() {
    return top ? Math.nextDown(1.0) : 0;
  }
}
