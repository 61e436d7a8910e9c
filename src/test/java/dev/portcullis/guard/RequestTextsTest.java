package dev.portcullis.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a request's guardrails read and rewrite: every message, part, tool call and tool result. */
class RequestTextsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void openAiMessagesPartsAndToolCallArgumentsAreReadAndRedacted() throws Exception {
    RequestTexts texts = RequestTexts.of((ObjectNode) JSON.readTree("""
        {"model": "gpt-4o", "messages": [
          {"role": "system", "content": "be brief"},
          {"role": "assistant", "content": null, "tool_calls": [{"id": "c1", "type": "function",
            "function": {"name": "send", "arguments": "{\\"to\\": \\"ada@example.com\\"}"}}]},
          {"role": "user", "content": [{"type": "text", "text": "and bob@example.org"},
            {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}}]}]}
        """));
    GuardSubject subject = texts.subject("gpt-4o", Map.of());
    assertThat(subject.texts()).hasSize(3);
    assertThat(subject.lastText()).isEqualTo("and bob@example.org");
    SpanCheck pii = new PiiCheck(List.of("email"), true);
    for (int i = 0; i < texts.size(); i++) {
      texts.set(i, pii.redact(texts.text(i), new RedactionTags()));
    }
    assertThat(texts.body().toString()).contains("{\\\"to\\\": \\\"[EMAIL_1]\\\"}", "and [EMAIL_1]")
        .doesNotContain("ada@", "bob@");
  }

  @Test
  void anthropicSystemToolUseInputAndToolResultsAreRead() throws Exception {
    RequestTexts texts = RequestTexts.of((ObjectNode) JSON.readTree("""
        {"model": "claude", "system": [{"type": "text", "text": "sys"}], "messages": [
          {"role": "assistant", "content": [{"type": "tool_use", "id": "t1", "name": "f",
            "input": {"key": "AKIAIOSFODNN7EXAMPLE", "n": 3}}]},
          {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t1", "content": "done"}]}]}
        """));
    assertThat(texts.subject(null, Map.of()).texts()).containsExactly("sys", "AKIAIOSFODNN7EXAMPLE", "done");
  }
}
