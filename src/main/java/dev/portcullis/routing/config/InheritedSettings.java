package dev.portcullis.routing.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.OptionalLong;

/**
 * What a node passes down to the nodes below it while a config is parsed: Portkey's inheritance, where a node's own
 * setting replaces its parent's, except {@code override_params} and the guardrail keys, merged key by key (the
 * nearer node wins).
 */
record InheritedSettings(
    ObjectNode overrideParams,
    RetryPolicy retry,
    OptionalLong requestTimeoutMs,
    JsonNode cache,
    ObjectNode guardrails,
    String customHost,
    List<String> forwardHeaders) {

  static final InheritedSettings NONE = new InheritedSettings(
      JsonNodeFactory.instance.objectNode(), RetryPolicy.NONE, OptionalLong.empty(), null, null, null, List.of());

  /**
   * The settings below a node that sets the given values (null: not set there).
   */
  InheritedSettings under(
      ObjectNode ownOverrideParams,
      RetryPolicy ownRetry,
      Long ownTimeoutMs,
      JsonNode ownCache,
      ObjectNode ownGuardrails,
      String ownCustomHost,
      List<String> ownForwardHeaders) {
    return new InheritedSettings(
        merged(overrideParams, ownOverrideParams),
        ownRetry != null ? ownRetry : retry,
        ownTimeoutMs != null ? OptionalLong.of(ownTimeoutMs) : requestTimeoutMs,
        ownCache != null ? ownCache : cache,
        ownGuardrails == null ? guardrails : merged(guardrails, ownGuardrails),
        ownCustomHost != null ? ownCustomHost : customHost,
        ownForwardHeaders != null ? ownForwardHeaders : forwardHeaders);
  }

  private static ObjectNode merged(ObjectNode inherited, ObjectNode own) {
    ObjectNode out = inherited == null ? JsonNodeFactory.instance.objectNode() : inherited.deepCopy();
    if (own != null) {
      out.setAll(own.deepCopy());
    }
    return out;
  }
}
