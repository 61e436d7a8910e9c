package dev.portcullis.guard;

/**
 * What one check said.
 *
 * @param verdict true when the text passes
 * @param explanation why, in words that never quote the matched value
 */
public record CheckOutcome(boolean verdict, String explanation) {

  static CheckOutcome pass(String explanation) {
    return new CheckOutcome(true, explanation);
  }

  static CheckOutcome fail(String explanation) {
    return new CheckOutcome(false, explanation);
  }
}
