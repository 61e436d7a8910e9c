package dev.portcullis.error;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says in plain words where a JSON text broke and what was expected there, instead of Jackson's internals (its
 * class names, settings and source excerpts). Never quotes the text around the break: it may hold a key.
 */
public final class JsonSyntaxMessage {

  private static final Pattern CHARACTER = Pattern.compile("Unexpected character \\('(.)' \\(code \\d+\\)\\)");
  private static final Pattern CLOSE_MARKER = Pattern.compile("Unexpected close marker '(.)': expected '(.)'");
  private static final Pattern LIMIT = Pattern.compile("\\((\\d+)\\) exceeds the maximum (?:allowed|length) \\((\\d+)");
  private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:field|Object property) \"?'?([^'\"]*)'?\"?");
  private static final String A_VALUE = "a value: a string in double quotes, a number, an object, an array, true, "
      + "false or null";

  private JsonSyntaxMessage() {}

  /** What broke, where, and what was expected: {@code unexpected ']' at line 1, column 41 (expected: '}')}. */
  public static String describe(JsonProcessingException e) {
    String[] found = what(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
    return found[0] + where(e.getLocation()) + " (expected: " + found[1] + ")";
  }

  private static String where(JsonLocation at) {
    if (at == null || at.getLineNr() < 1) {
      return "";
    }
    return " at line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  /** What was found and what was expected instead. */
  private static String[] what(String original) {
    Matcher close = CLOSE_MARKER.matcher(original);
    if (close.find()) {
      return expected("unexpected '" + close.group(1) + "'", "'" + close.group(2) + "'");
    }
    Matcher character = CHARACTER.matcher(original);
    if (character.find()) {
      String found = "unexpected character '" + character.group(1) + "'";
      if (original.contains("double-quote to start field name")) {
        return expected(found, "a field name in double quotes, or '}'");
      }
      if (original.contains("comma to separate Object entries")) {
        return expected(found, "',' or '}'");
      }
      if (original.contains("comma to separate Array entries")) {
        return expected(found, "',' or ']'");
      }
      if (original.contains("colon to separate field name and value")) {
        return expected(found, "':'");
      }
      return expected(found, A_VALUE);
    }
    if (original.startsWith("Trailing token")) {
      return expected("more JSON after the first value", "one JSON object");
    }
    if (original.startsWith("Unexpected end-of-input")) {
      return expected("the text ends early", "the rest of the JSON, up to its closing bracket or quote");
    }
    if (original.startsWith("Unrecognized token")) {
      return expected("a word that is not JSON", A_VALUE);
    }
    if (original.startsWith("Invalid UTF-8") || original.startsWith("Invalid UTF-32")) {
      return expected("bytes that are not UTF-8", "UTF-8 text");
    }
    if (original.startsWith("Illegal unquoted character")) {
      return expected("a control character inside a string", "it escaped, such as \\n or \\u0000");
    }
    if (original.startsWith("Unrecognized character escape")) {
      return expected("an unknown escape in a string", "one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
    }
    Matcher duplicate = DUPLICATE.matcher(original);
    if (duplicate.find()) {
      return expected("duplicate key '" + duplicate.group(1) + "'", "each key once per object");
    }
    Matcher limit = LIMIT.matcher(original);
    if (limit.find()) {
      String kind = original.startsWith("Number") ? "a number of " + limit.group(1) + " digits"
          : original.startsWith("String") ? "a string of " + limit.group(1) + " characters"
          : original.startsWith("Document nesting") ? "nesting " + limit.group(1) + " levels deep"
          : "a value of size " + limit.group(1);
      return expected(kind, "at most " + limit.group(2));
    }
    if (original.contains("Leading zeroes") || original.contains("Non-standard token")
        || original.contains("numeric value")) {
      return expected("a malformed number", "a JSON number such as 12, -3.5 or 1e6");
    }
    return expected("malformed JSON", "valid JSON");
  }

  private static String[] expected(String found, String expected) {
    return new String[] {found, expected};
  }
}
