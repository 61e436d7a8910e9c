package dev.portcullis.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatRequestModelTest {

  private static final List<Message> HI = List.of(Message.of(Role.USER, "hi"));

  @Test
  void unsetFieldsAreNullAndCollectionsEmpty() {
    ChatRequest request = ChatRequest.builder("gpt-4o", HI).build();

    assertThat(request.tools()).isEmpty();
    assertThat(request.stop()).isEmpty();
    assertThat(request.logitBias()).isEmpty();
    assertThat(request.metadata()).isEmpty();
    assertThat(request.extra()).isEmpty();
    assertThat(request.temperature()).isNull();
    assertThat(request.maxTokens()).isNull();
    assertThat(request.toolChoice()).isNull();
    assertThat(request.stream()).isFalse();
  }

  @Test
  void requestNeedsAtLeastOneMessage() {
    assertThatThrownBy(() -> ChatRequest.builder("gpt-4o", List.of()).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void extraFieldsKeepTheirOrder() {
    Map<String, JsonNode> extra = new LinkedHashMap<>();
    extra.put("store", BooleanNode.TRUE);
    extra.put("service_tier", TextNode.valueOf("flex"));
    extra.put("modalities", TextNode.valueOf("text"));

    ChatRequest request = ChatRequest.builder("gpt-4o", HI).extra(extra).build();

    assertThat(request.extra().keySet()).containsExactly("store", "service_tier", "modalities");
    assertThatThrownBy(() -> request.extra().clear()).isInstanceOf(UnsupportedOperationException.class);
  }
}
