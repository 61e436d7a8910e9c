package dev.portcullis.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonSyntaxMessageTest {

  private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("[1, 2}", "unexpected '}' at line 1, column 6 (expected: ']')"),
        Arguments.of("{\"a\": 1", "the text ends early at line 1, column 8 (expected: the rest of the JSON, up to its "
            + "closing bracket or quote)"),
        Arguments.of("{\"a\": sk-live-secret}", "a word that is not JSON at line 1, column 7 (expected: a value: a "
            + "string in double quotes, a number, an object, an array, true, false or null)"),
        Arguments.of("{\"a\": 1,}", "unexpected character '}' at line 1, column 9 (expected: a field name in double "
            + "quotes, or '}')"),
        Arguments.of("{\"a\" 1}", "unexpected character '1' at line 1, column 6 (expected: ':')"),
        Arguments.of("[1 2]", "unexpected character '2' at line 1, column 4 (expected: ',' or ']')"),
        Arguments.of("{\"a\":1 \"b\":2}", "unexpected character '\"' at line 1, column 8 (expected: ',' or '}')"),
        Arguments.of("{\"a\":1, \"a\":2}", "duplicate key 'a' at line 1, column 12 (expected: each key once per "
            + "object)"),
        Arguments.of("{\"a\": \"x\ty\"}", "a control character inside a string at line 1, column 9 (expected: it "
            + "escaped, such as \\n or \\u0000)"),
        Arguments.of("{\"a\": \"\\q\"}", "an unknown escape in a string at line 1, column 9 (expected: one of \\\" "
            + "\\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"),
        Arguments.of("[01]", "a malformed number at line 1, column 3 (expected: a JSON number such as 12, -3.5 or "
            + "1e6)"),
        Arguments.of("[NaN]", "a malformed number at line 1, column 5 (expected: a JSON number such as 12, -3.5 or "
            + "1e6)"),
        Arguments.of("[" + "[".repeat(1_100) + "]", "nesting 1001 levels deep (expected: at most 1000)"),
        Arguments.of("[" + "9".repeat(1_001) + "]", "a number of 1001 digits (expected: at most 1000)"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void saysWhatWasFoundWhereAndWhatWasExpected(String text, String message) {
    assertThat(describe(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(message);
  }

  @org.junit.jupiter.api.Test
  void invalidUtf8IsNamedAsSuch() {
    byte[] bytes = {'[', '"', (byte) 0xff, '"', ']'};
    assertThat(describe(bytes)).startsWith("bytes that are not UTF-8 at line 1").endsWith("(expected: UTF-8 text)");
  }

  private static String describe(byte[] text) {
    try {
      JSON.readTree(text);
      throw new AssertionError("parsed: " + new String(text, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      return JsonSyntaxMessage.describe(e);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
