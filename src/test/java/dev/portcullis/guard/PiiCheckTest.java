package dev.portcullis.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.error.GatewayException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PiiCheckTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static PiiCheck pii(String params) throws Exception {
    return PiiCheck.from(new CheckParams(JSON.readTree(params), "checks[0].parameters", List.of("types", "redact")));
  }

  private static GuardSubject subject(String text) {
    return new GuardSubject(List.of(text), text, "gpt-4o", Map.of());
  }

  @Test
  void findsEachTypeAndNamesItWithoutTheValue() throws Exception {
    CheckOutcome outcome = pii("{}").run(subject(
        "mail ada@example.com, call +44 20 7946 0958, card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00,"
            + " SSN 123-45-6789, host 10.1.2.3 and 2001:db8::8a2e:370:7334"));
    assertThat(outcome.verdict()).isFalse();
    assertThat(outcome.explanation()).isEqualTo("found 1 CARD, 1 EMAIL, 1 IBAN, 2 IP, 1 PHONE, 1 SSN")
        .doesNotContain("ada@", "4111", "DE89");
  }

  @Test
  void typesPickASubset() throws Exception {
    PiiCheck emailOnly = pii("{\"types\": [\"email\"]}");
    assertThat(emailOnly.run(subject("card 4111111111111111")).verdict()).isTrue();
    assertThat(emailOnly.run(subject("ada@example.com")).verdict()).isFalse();
  }

  @Test
  void cardsMustPassLuhnAndIbansTheirChecksum() throws Exception {
    PiiCheck check = pii("{}");
    assertThat(check.detect("order 4111111111111112")).isEmpty();
    assertThat(check.detect("IBAN DE89370400440532013001")).isEmpty();
    assertThat(check.detect("IBAN DE89370400440532013000")).extracting(Detection::type).containsExactly("IBAN");
  }

  @Test
  void redactionNumbersPerTypeAndGivesTheSameValueTheSameTag() throws Exception {
    PiiCheck check = pii("{\"redact\": true}");
    RedactionTags tags = new RedactionTags();
    String out = check.redact("ada@example.com wrote to bob@example.org, then ada@example.com again; 10.0.0.1",
        tags);
    assertThat(out).isEqualTo("[EMAIL_1] wrote to [EMAIL_2], then [EMAIL_1] again; [IP_1]");
    assertThat(check.redact("and bob@example.org", tags)).isEqualTo("and [EMAIL_2]");
  }

  @Test
  void unknownTypeIsA400NamingIt() {
    assertThatThrownBy(() -> pii("{\"types\": [\"email\", \"passport\"]}"))
        .isInstanceOf(GatewayException.BadRequest.class)
        .hasMessage("checks[0].parameters.types[1]: 'passport' (expected: one of email, phone, card, iban, ssn, ip)");
  }
}
