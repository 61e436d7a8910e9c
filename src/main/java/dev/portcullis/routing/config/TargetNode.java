package dev.portcullis.routing.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.guard.Hooks;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A leaf of the plan: one upstream to call, with everything it inherited from the nodes above it already applied.
 * A target naming neither provider nor virtual key is served by the request's own addressing (headers or
 * {@code @slug/model}).
 *
 * <p>The JSON-valued components are returned as copies, so the plan stays immutable.
 *
 * @param provider provider id, or null
 * @param apiKey the provider credential, or null; never shown by {@link #toString()}
 * @param virtualKey virtual key slug (also from {@code "provider": "@slug"}), or null
 * @param customHost base URL replacing the provider's (inherited), or null; the HTTP layer checks it is not internal
 * @param forwardHeaders request headers passed on to the upstream (inherited)
 * @param providerOptions provider-specific keys ({@code azure_*}, {@code aws_*}, {@code vertex_*},
 *     {@code openai_*}, {@code anthropic_*}) in snake_case, for the provider adapter
 * @param overrideParams body fields forced on the request; merged down the tree key by key, the nearer node winning
 * @param retry this target's retry policy (inherited whole unless the target sets its own)
 * @param requestTimeoutMs per-attempt timeout in milliseconds (inherited), or empty for the gateway default
 * @param cacheJson the {@code cache} object (inherited), kept for the cache stage, or null
 * @param hooks the guardrails of {@code before_request_hooks} / {@code input_guardrails} and
 *     {@code after_request_hooks} / {@code output_guardrails} (each key inherited unless set)
 * @param breakerKey the key of this target's circuit breaker, or null when it names no upstream of its own
 */
public record TargetNode(
    String path,
    String name,
    double weight,
    String provider,
    String apiKey,
    String virtualKey,
    String customHost,
    List<String> forwardHeaders,
    ObjectNode providerOptions,
    ObjectNode overrideParams,
    RetryPolicy retry,
    OptionalLong requestTimeoutMs,
    JsonNode cacheJson,
    Hooks hooks,
    String breakerKey) implements PlanNode {

  public TargetNode {
    Objects.requireNonNull(path, "path");
    forwardHeaders = List.copyOf(forwardHeaders);
    providerOptions = providerOptions.deepCopy();
    overrideParams = overrideParams.deepCopy();
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(requestTimeoutMs, "requestTimeoutMs");
    cacheJson = cacheJson == null ? null : cacheJson.deepCopy();
    Objects.requireNonNull(hooks, "hooks");
  }
  /**
   * A target the gateway plans itself (smart routing, a provider's keys) rather than one parsed from a config: no
   * credential of its own (the server-held key or the virtual key supplies it), the model set, no retry.
   */
  public static TargetNode planned(String path, String name, String provider, String virtualKey, String model,
      String breakerKey) {
    return new TargetNode(path, name, 1, provider, null, virtualKey, null, List.of(),
        JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode().put("model", model),
        RetryPolicy.NONE, OptionalLong.empty(), null, Hooks.NONE, breakerKey);
  }


  /** The one target of a call without a config: its own address decides, nothing is overridden. */
  static TargetNode direct() {
    return new TargetNode("request", null, 1, null, null, null, null, List.of(),
        JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode(), RetryPolicy.NONE,
        OptionalLong.empty(), null, Hooks.NONE, null);
  }

  /** The model {@code override_params} forces on this target, or null when it sets none. */
  public String overrideModel() {
    JsonNode model = overrideParams.get("model");
    return model != null && model.isTextual() ? model.asText() : null;
  }

  @Override
  public ObjectNode providerOptions() {
    return providerOptions.deepCopy();
  }

  @Override
  public ObjectNode overrideParams() {
    return overrideParams.deepCopy();
  }

  @Override
  public JsonNode cacheJson() {
    return cacheJson == null ? null : cacheJson.deepCopy();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(path).append(" target");
    append(out, "name", name);
    append(out, "provider", provider);
    append(out, "api_key", apiKey == null ? null : "***");
    append(out, "virtual_key", virtualKey);
    append(out, "custom_host", customHost);
    if (!forwardHeaders.isEmpty()) {
      append(out, "forward_headers", forwardHeaders.toString());
    }
    if (!providerOptions.isEmpty()) {
      append(out, "provider_options", names(providerOptions));
    }
    if (!overrideParams.isEmpty()) {
      append(out, "override_params", overrideParams.toString());
    }
    if (retry.attempts() > 0) {
      append(out, "retry", retry.toString());
    }
    requestTimeoutMs.ifPresent(ms -> append(out, "request_timeout", ms + "ms"));
    append(out, "cache", cacheJson == null ? null : cacheJson.toString());
    append(out, "guardrails", hooks.isEmpty() ? null : hooks.toString());
    if (weight != 1) {
      append(out, "weight", Double.toString(weight));
    }
    return out.toString();
  }

  private static void append(StringBuilder out, String label, String value) {
    if (value != null) {
      out.append(' ').append(label).append('=').append(value);
    }
  }

  private static String names(ObjectNode node) {
    return node.properties().stream().map(Map.Entry::getKey).toList().toString();
  }
}
