package dev.portcullis.routing.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoutingPlanTest {

  @Test
  void planWithAConditionalGroupAtAnyDepthHasConditions() {
    RoutingPlan nested = RoutingConfigParser.parse("""
        {"strategy": {"mode": "fallback"}, "targets": [
          {"provider": "openai"},
          {"strategy": {"mode": "conditional", "conditions": [{"query": {"params.max_tokens": {"$gt": 10}}, "then": "a"}],
            "default": "b"},
           "targets": [{"name": "a", "provider": "openai"}, {"name": "b", "provider": "groq"}]}]}""");
    assertThat(nested.hasConditions()).isTrue();
  }

  @Test
  void planWithoutConditionalGroupsHasNone() {
    assertThat(RoutingConfigParser.parse("{\"provider\": \"openai\"}").hasConditions()).isFalse();
    assertThat(RoutingConfigParser.parse("{\"strategy\": {\"mode\": \"loadbalance\"}, \"targets\": "
        + "[{\"provider\": \"openai\"}, {\"provider\": \"groq\"}]}").hasConditions()).isFalse();
  }
}
