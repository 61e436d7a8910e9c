package dev.portcullis.guard;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code portcullis.promptInjection}: a score in 0..1 from heuristic signals in every text: instruction-override
 * phrases ("ignore all previous instructions"), attempts to read the system prompt, role-play jailbreaks ("you are
 * now DAN", "developer mode", "pretend you have no restrictions"), and the same phrases hidden in base64. Signals
 * combine as independent evidence ({@code 1 - Π(1 - weight)}); the text fails when the score reaches
 * {@code threshold} (default 0.5).
 */
public final class PromptInjectionCheck implements Check {

  /** A pattern over lower-cased text, run only when the text holds one of its trigger words. */
  private record Signal(String name, double weight, List<String> triggers, Pattern pattern) {}

  private static final List<Signal> SIGNALS = List.of(
      new Signal("instruction_override", 0.8, List.of("ignore", "disregard", "forget", "override", "bypass", "skip"),
          Pattern.compile(
          "\\b(?:ignore|disregard|forget|override|bypass|skip)\\s+(?:all\\s+|any\\s+|every\\s+|the\\s+|your\\s+|of\\s+"
              + "|my\\s+)*(?:previous|prior|above|earlier|preceding|original|initial|system|former)?\\s*"
              + "(?:instructions?|prompts?|rules|directives|guidelines|guardrails|context|messages?)\\b")),
      new Signal("instruction_override", 0.6, List.of("instruction", "from now on"), Pattern.compile(
          "\\b(?:new|updated|real)\\s+instructions?\\s*:|\\bfrom\\s+now\\s+on,?\\s+you\\s+(?:will|must|are)\\b")),
      new Signal("system_prompt_leak", 0.6, List.of("prompt", "instructions"), Pattern.compile(
          "\\b(?:reveal|print|show|repeat|output|tell\\s+me|what\\s+(?:is|are))\\s+(?:me\\s+)?(?:your|the)\\s+"
              + "(?:system\\s+prompt|(?:initial|original|hidden|secret)\\s+(?:instructions|prompt))")),
      new Signal("role_play", 0.7, List.of("you", "mode", "anything"), Pattern.compile(
          "\\byou\\s+are\\s+(?:now\\s+)?(?:dan|stan|aim|in\\s+developer\\s+mode|an?\\s+(?:unfiltered|uncensored|"
              + "unrestricted|evil|jailbroken)\\b)|\\b(?:developer|god|jailbreak|dan)\\s+mode\\b|\\bdo\\s+anything\\s+now\\b")),
      new Signal("role_play", 0.5, List.of("pretend", "imagine", "act as", "roleplay"), Pattern.compile(
          "\\b(?:pretend|imagine|act\\s+as\\s+if|roleplay\\s+as|act\\s+as)\\b[^.\\n]{0,60}\\b(?:no|without|free\\s+of|"
              + "not\\s+bound\\s+by)\\s+(?:any\\s+)?(?:restrictions|rules|limits|filters|guidelines|policies|ethics)")));

  /** The shortest run of base64 characters read as a possible encoded payload. */
  private static final int BASE64_RUN = 20;

  private final double threshold;

  PromptInjectionCheck(double threshold) {
    this.threshold = threshold;
  }

  static PromptInjectionCheck from(CheckParams p) {
    Double threshold = p.number("threshold", 0, 1);
    return new PromptInjectionCheck(threshold == null ? 0.5 : threshold);
  }

  @Override
  public CheckOutcome run(GuardSubject subject) {
    Set<String> found = new LinkedHashSet<>();
    double clean = 1;
    for (String text : subject.texts()) {
      clean = scan(text.toLowerCase(Locale.ROOT), found, clean, "");
      int run = 0;
      for (int i = 0; i <= text.length(); i++) {
        if (i < text.length() && base64(text.charAt(i))) {
          run++;
          continue;
        }
        if (run >= BASE64_RUN) {
          String decoded = decode(text.substring(i - run, i));
          if (decoded != null) {
            clean = scan(decoded, found, clean, "encoded_");
          }
        }
        run = 0;
      }
    }
    double score = Math.round((1 - clean) * 100) / 100.0;
    String explanation = "score " + score + " (threshold " + threshold + ")"
        + (found.isEmpty() ? "" : ", signals: " + String.join(", ", found));
    return new CheckOutcome(score < threshold || score == 0, explanation);
  }

  private static boolean base64(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
        || c == '=';
  }

  /**
   * Adds the signals of {@code lower} (lower-cased text); returns the probability that none of the evidence so far
   * is an attack.
   */
  private static double scan(String lower, Set<String> found, double clean, String prefix) {
    for (Signal s : SIGNALS) {
      if (s.triggers.stream().anyMatch(lower::contains) && s.pattern.matcher(lower).find()) {
        found.add(prefix + s.name);
        clean *= 1 - (prefix.isEmpty() ? s.weight : Math.max(s.weight, 0.9));
      }
    }
    return clean;
  }

  /** The base64 run as text, when it decodes to printable text; null otherwise. */
  private static String decode(String run) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(run.length() % 4 == 0 ? run : run.substring(0, run.length() & ~3));
    } catch (IllegalArgumentException e) {
      return null;
    }
    int printable = 0;
    for (byte b : bytes) {
      if ((b >= 0x20 && b < 0x7f) || b == '\n') {
        printable++;
      }
    }
    return bytes.length > 0 && printable * 10 >= bytes.length * 9
        ? new String(bytes, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT) : null;
  }

  @Override
  public String toString() {
    return "PromptInjectionCheck[threshold " + threshold + "]";
  }
}
