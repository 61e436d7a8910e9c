package dev.portcullis.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FinishReasonModelTest {

  @Test
  void knownReasonsAreTheConstants() {
    assertThat(FinishReason.of("stop")).isSameAs(FinishReason.STOP);
    assertThat(FinishReason.of("length")).isSameAs(FinishReason.LENGTH);
    assertThat(FinishReason.of("tool_calls")).isSameAs(FinishReason.TOOL_CALLS);
    assertThat(FinishReason.of("content_filter")).isSameAs(FinishReason.CONTENT_FILTER);
    assertThat(FinishReason.of("function_call")).isSameAs(FinishReason.FUNCTION_CALL);
  }

  @Test
  void unknownReasonIsKeptVerbatim() {
    assertThat(FinishReason.of("model_context_window_exceeded").value()).isEqualTo("model_context_window_exceeded");
  }
}
