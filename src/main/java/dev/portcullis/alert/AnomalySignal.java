package dev.portcullis.alert;

import java.util.Locale;

/** The five signals the detectors watch per gateway key and per workspace; an anomaly alert's rule_id is one. */
public enum AnomalySignal {
  /** Dollars spent in a minute, against its baseline. */
  COST_SPIKE("cost spike"),
  /** Tokens (input and output) spent in a minute. */
  TOKEN_BURN("token burn rate"),
  /** Mean output tokens per answered request, up or down. */
  RESPONSE_LENGTH("response length shift"),
  /** A model's share of the requests. */
  MODEL_SHIFT("model shift"),
  /** Share of requests that failed. */
  ERROR_RATE("error-rate spike");

  private final String title;

  AnomalySignal(String title) {
    this.title = title;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String title() {
    return title;
  }
}
