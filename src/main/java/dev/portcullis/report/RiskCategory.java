package dev.portcullis.report;

import dev.portcullis.error.GatewayException;

/** The EU AI Act risk category an operator classifies an AI system under; the gateway records it, never decides it. */
public enum RiskCategory {
  MINIMAL("minimal"),
  LIMITED("limited"),
  HIGH("high"),
  /** The operator checked the system against the prohibited practices (Article 5) and found it is none of them. */
  PROHIBITED_CHECK_DONE("prohibited-check-done");

  private final String wireName;

  RiskCategory(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  static RiskCategory parse(String text) {
    for (RiskCategory c : values()) {
      if (c.wireName.equals(text)) {
        return c;
      }
    }
    throw GatewayException.badRequest("risk_category: '" + text + "' (expected: one of minimal, limited, high, "
        + "prohibited-check-done)", "risk_category");
  }
}
