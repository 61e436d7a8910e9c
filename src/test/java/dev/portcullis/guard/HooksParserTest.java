package dev.portcullis.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import org.junit.jupiter.api.Test;

class HooksParserTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Hooks parse(String json) throws Exception {
    return HooksParser.parse((ObjectNode) JSON.readTree(json), "targets[0].");
  }

  @Test
  void readsPortkeyHooksAndBothShorthandForms() throws Exception {
    Hooks hooks = parse("""
        {"before_request_hooks": [{"type": "guardrail", "id": "no-ssn", "deny": true,
           "checks": [{"id": "default.regexMatch", "parameters": {"rule": "\\\\d{3}-\\\\d{2}-\\\\d{4}", "not": true}}]}],
         "input_guardrails": ["pg-saved", {"default.contains": {"words": ["x"], "operator": "none"}, "deny": true}],
         "output_guardrails": [{"id": "out", "checks": [{"id": "portcullis.pii", "parameters": {"redact": true}}]}]}
        """);
    assertThat(hooks.before()).hasSize(3);
    Guardrail first = ((GuardrailRef.Inline) hooks.before().get(0)).guardrail();
    assertThat(first.id()).isEqualTo("no-ssn");
    assertThat(first.deny()).isTrue();
    assertThat(first.checks().getFirst().not()).isTrue();
    assertThat(hooks.before().get(1)).isEqualTo(new GuardrailRef.Saved("pg-saved"));
    Guardrail shorthand = ((GuardrailRef.Inline) hooks.before().get(2)).guardrail();
    assertThat(shorthand.id()).isEqualTo("targets[0].input_guardrails[1]");
    assertThat(shorthand.checks()).extracting(ConfiguredCheck::id).containsExactly("default.contains");
    assertThat(hooks.after()).hasSize(1);
  }

  @Test
  void errorsNameWhereTheyAre() {
    assertThatThrownBy(() -> parse("{\"input_guardrails\": [{\"default.contans\": {}}]}"))
        .isInstanceOf(GatewayException.BadRequest.class)
        .hasMessageStartingWith("targets[0].input_guardrails[0].default.contans.id: unknown check 'default.contans'");
    assertThatThrownBy(() -> parse("{\"before_request_hooks\": [{\"checks\": [{\"id\": \"portcullis.pii\","
        + " \"parameters\": {\"types\": \"email\"}}]}]}"))
        .hasMessage("targets[0].before_request_hooks[0].checks[0].parameters.types: 'email' (expected: a list of"
            + " strings)");
    assertThatThrownBy(() -> parse("{\"before_request_hooks\": [{\"checks\": [], \"deny\": true}]}"))
        .hasMessage("targets[0].before_request_hooks[0].checks: an array (expected: a non-empty array of checks {id,"
            + " parameters})");
    assertThatThrownBy(() -> parse("{\"output_guardrails\": [{\"default.webhook\": {\"webhookURL\":"
        + " \"https://hooks.example.com/x\"}}]}"))
        .hasMessageContaining("calls default.webhook");
  }
}
