package dev.portcullis.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A span check made of detectors (patterns confirmed by validators): what {@link PiiCheck} and
 * {@link SecretsCheck} share. Every finding holds no whitespace except those up to {@value #SPACED_LENGTH}
 * characters long (an IBAN in groups, a phone number, a key after its name).
 */
abstract class PatternCheck implements SpanCheck {

  static final int SPACED_LENGTH = 48;

  private final List<Detector> detectors;
  private final boolean redact;
  private final boolean lowerCase;

  PatternCheck(List<Detector> detectors, boolean redact) {
    this.detectors = List.copyOf(detectors);
    this.redact = redact;
    this.lowerCase = detectors.stream().anyMatch(Detector::lowerCaseHints);
  }

  @Override
  public List<Detection> detect(String text) {
    List<Detection> found = new ArrayList<>();
    String lower = lowerCase ? text.toLowerCase(Locale.ROOT) : text;
    boolean digits = hasDigit(text);
    for (Detector d : detectors) {
      if (digits || !d.digits()) {
        d.find(text, lower, found);
      }
    }
    return SpanCheck.withoutOverlaps(found);
  }

  @Override
  public boolean redacts() {
    return redact;
  }

  @Override
  public int maxLength() {
    return SPACED_LENGTH;
  }

  private static boolean hasDigit(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        return true;
      }
    }
    return false;
  }

  /** The types this check finds, for its description. */
  List<String> types() {
    return detectors.stream().map(Detector::type).distinct().toList();
  }
}
