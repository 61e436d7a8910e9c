package dev.portcullis.guard;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code portcullis.pii}: e-mail addresses, phone numbers (international {@code +} or {@code 00} formats and North
 * American ones), payment cards (issuer prefix, length and Luhn), IBANs (country length and mod-97), US social
 * security numbers, IPv4 and IPv6 addresses. Parameters: {@code types} (a subset of {@value #TYPES_TEXT}; all by
 * default) and {@code redact} (replace each finding with a tag such as {@code [EMAIL_1]} instead of failing).
 */
public final class PiiCheck extends PatternCheck {

  static final String TYPES_TEXT = "email, phone, card, iban, ssn, ip";

  private static final String DIGIT_BEFORE = "(?<![\\w.+-])";
  private static final String DIGIT_AFTER = "(?![\\w-]|[.,]\\d)";

  /** Every detector, by the name {@code types} gives it. */
  static final Map<String, List<Detector>> DETECTORS = detectors();

  PiiCheck(List<String> types, boolean redact) {
    super(types.stream().flatMap(t -> DETECTORS.get(t).stream()).toList(), redact);
  }

  static PiiCheck from(CheckParams p) {
    List<String> types = p.strings("types", false);
    if (types == null) {
      types = List.copyOf(DETECTORS.keySet());
    } else {
      for (int i = 0; i < types.size(); i++) {
        String t = types.get(i).toLowerCase(Locale.ROOT);
        if (!DETECTORS.containsKey(t)) {
          throw CheckParams.invalid(p.at("types") + "[" + i + "]", "'" + types.get(i) + "'", "one of " + TYPES_TEXT);
        }
      }
      types = types.stream().map(t -> t.toLowerCase(Locale.ROOT)).distinct().toList();
    }
    return new PiiCheck(types, p.bool("redact", false));
  }

  private static Map<String, List<Detector>> detectors() {
    Map<String, List<Detector>> all = new LinkedHashMap<>();
    all.put("email", List.of(Detector.of("EMAIL", List.of("@"),
        "(?<![\\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+"
            + "[A-Za-z]{2,24}(?![\\w-]|\\.[A-Za-z0-9])")));
    all.put("phone", List.of(
        Detector.numeric("PHONE", DIGIT_BEFORE + "(?:\\+|00)[1-9]\\d{0,2}(?:[ .-]?\\(\\d{1,4}\\))?(?:[ .-]?\\d{1,5}){1,5}"
            + DIGIT_AFTER, PiiCheck::internationalDigits),
        Detector.numeric("PHONE", DIGIT_BEFORE + "(?:\\+?1[ .-]?)?(?:\\(\\d{3}\\)[ ]?|\\d{3}[ .-])\\d{3}[ .-]\\d{4}"
            + DIGIT_AFTER, PiiCheck::northAmerican)));
    all.put("card", List.of(Detector.numeric("CARD",
        "(?<![\\w.-])\\d(?:[ -]?\\d){11,18}(?![\\w-]|[.,]\\d)", Luhn::isCard)));
    all.put("iban", List.of(Detector.numeric("IBAN",
        "(?<![\\w])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![\\w])", IbanChecksum::valid)));
    all.put("ssn", List.of(Detector.numeric("SSN",
        "(?<![\\w.-])(?!000|666|9\\d\\d)\\d{3}([- ])(?!00)\\d{2}\\1(?!0000)\\d{4}(?![\\w-]|[.,]\\d)", v -> true)));
    all.put("ip", List.of(
        Detector.numeric("IP", "(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
            + "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\w]|\\.\\d)", v -> true),
        Detector.of("IP", List.of(":"), "(?<![\\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\\w:])", 0,
            Ipv6Address::valid)));
    return Collections.unmodifiableMap(all);
  }

  /** An international number has 8 to 15 digits after its prefix, as E.164 allows. */
  private static boolean internationalDigits(String candidate) {
    int digits = 0;
    for (int i = 0; i < candidate.length(); i++) {
      if (Character.isDigit(candidate.charAt(i))) {
        digits++;
      }
    }
    if (candidate.startsWith("00")) {
      digits -= 2;
    }
    return digits >= 8 && digits <= 15;
  }

  /** A North American number: area code and exchange do not start with 0 or 1, one separator style. */
  private static boolean northAmerican(String candidate) {
    String digits = candidate.replaceAll("\\D", "");
    if (digits.length() == 11) {
      digits = digits.substring(1);
    }
    return digits.length() == 10 && digits.charAt(0) >= '2' && digits.charAt(3) >= '2';
  }

  @Override
  public String toString() {
    return "PiiCheck" + types() + (redacts() ? " redact" : "");
  }
}
