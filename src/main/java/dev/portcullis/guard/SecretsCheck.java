package dev.portcullis.guard;

import java.util.List;

/**
 * {@code portcullis.secrets}: credentials that must not reach a model or a client: AWS access keys (and secret keys
 * next to their name), Google Cloud API keys, Azure storage keys and client secrets, OpenAI, Anthropic, GitHub,
 * Slack and Stripe keys, private key blocks, JWTs and bearer tokens. Parameter: {@code redact} (replace each with a
 * tag such as {@code [AWS_ACCESS_KEY_1]} instead of failing).
 */
public final class SecretsCheck extends PatternCheck {

  private static final String END = "(?![A-Za-z0-9_-])";
  private static final String START = "(?<![A-Za-z0-9_-])";

  static final List<Detector> DETECTORS = List.of(
      Detector.of("PRIVATE_KEY", List.of("PRIVATE KEY-----"), "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\\s\\S]*?-----END (?:[A-Z0-9]+ )*"
          + "PRIVATE KEY-----"),
      Detector.of("AWS_ACCESS_KEY", List.of("AKIA", "ASIA", "ABIA", "ACCA", "A3T"), START + "(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}" + END),
      Detector.anyCase("AWS_SECRET_KEY", List.of("aws"), "(?i:aws)[\\w.-]{0,24}(?i:secret|sk)[\\w.-]{0,24}[\"']?\\s*[:=]\\s*[\"']?"
          + "([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])", 1, v -> true),
      Detector.of("GCP_API_KEY", List.of("AIza"), START + "AIza[0-9A-Za-z_-]{35}" + END),
      Detector.anyCase("AZURE_KEY", List.of("accountkey"), "(?i:AccountKey)=([A-Za-z0-9+/]{86}==)", 1, v -> true),
      Detector.of("AZURE_KEY", List.of("Q~"), START + "[A-Za-z0-9_~.-]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}" + END),
      Detector.anyCase("AZURE_KEY", List.of("azure"), "(?i:azure)[\\w.-]{0,24}(?i:key|secret)[\\w.-]{0,12}[\"']?\\s*[:=]\\s*[\"']?"
          + "([a-f0-9]{32}|[A-Za-z0-9]{84})(?![A-Za-z0-9])", 1, v -> true),
      Detector.of("ANTHROPIC_API_KEY", List.of("sk-ant-"), START + "sk-ant-(?:api|admin|oat)\\d{2}-[A-Za-z0-9_-]{32,}" + END),
      Detector.of("OPENAI_API_KEY", List.of("T3BlbkFJ"), START + "sk-(?!ant-)(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,}T3BlbkFJ"
          + "[A-Za-z0-9_-]{20,}" + END),
      Detector.of("OPENAI_API_KEY", List.of("sk-"), START + "sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}" + END),
      Detector.of("OPENAI_API_KEY", List.of("sk-"), START + "sk-[A-Za-z0-9]{48}" + END),
      Detector.of("GITHUB_TOKEN", List.of("gh"), START + "(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}" + END),
      Detector.of("GITHUB_TOKEN", List.of("github_pat_"), START + "github_pat_[A-Za-z0-9_]{70,90}" + END),
      Detector.of("SLACK_TOKEN", List.of("xox"), START + "xox[abposr]-(?:[0-9]+-)+[A-Za-z0-9-]{10,}" + END),
      Detector.of("SLACK_TOKEN", List.of("hooks.slack.com"), "https://hooks\\.slack\\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{20,}"),
      Detector.of("STRIPE_KEY", List.of("k_"), START + "(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,}" + END),
      Detector.of("STRIPE_KEY", List.of("whsec_"), START + "whsec_[A-Za-z0-9]{32,}" + END),
      Detector.of("JWT", List.of("eyJ"), START + "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}" + END),
      Detector.anyCase("BEARER_TOKEN", List.of("bearer"), "(?i:\\bbearer)\\s+([A-Za-z0-9._~+/-]{20,}=*)(?![A-Za-z0-9._~+/=-])", 1,
          SecretsCheck::tokenLike));

  SecretsCheck(boolean redact) {
    super(DETECTORS, redact);
  }

  static SecretsCheck from(CheckParams p) {
    return new SecretsCheck(p.bool("redact", false));
  }

  /** A bearer token mixes letters and digits; "Bearer" followed by a long word is prose. */
  private static boolean tokenLike(String value) {
    boolean letter = false;
    boolean digit = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      letter |= Character.isLetter(c);
      digit |= Character.isDigit(c);
    }
    return letter && digit;
  }

  @Override
  public String toString() {
    return "SecretsCheck" + (redacts() ? " redact" : "");
  }
}
