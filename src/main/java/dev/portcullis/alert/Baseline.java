package dev.portcullis.alert;

/**
 * What a signal usually is: an exponentially weighted moving average over about an hour of minutes, and the same
 * average of the absolute deviation from it (a robust spread: one outlier moves it little). Touched by the
 * evaluating thread only.
 */
final class Baseline {

  /** Weight of the newest minute: an EWMA spanning about 60 minutes. */
  static final double ALPHA = 2.0 / 61;

  private double mean;
  private double deviation;
  private int minutes;

  double mean() {
    return mean;
  }

  double deviation() {
    return deviation;
  }

  int minutes() {
    return minutes;
  }

  void learn(double value) {
    if (minutes == 0) {
      mean = value;
    } else {
      deviation += ALPHA * (Math.abs(value - mean) - deviation);
      mean += ALPHA * (value - mean);
    }
    minutes++;
  }
}
