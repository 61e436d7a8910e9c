package dev.portcullis.routing.config;

import static dev.portcullis.routing.config.ConfigObject.describe;
import static dev.portcullis.routing.config.ConfigObject.invalid;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.cache.CacheSettings;
import dev.portcullis.condition.ConditionQuery;
import dev.portcullis.condition.ConditionQueryParser;
import dev.portcullis.error.GatewayException;
import dev.portcullis.error.JsonSyntaxMessage;
import dev.portcullis.guard.HooksParser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a Portkey config ({@code x-portkey-config} JSON) into a {@link RoutingPlan}, once, at the edge. Every key
 * is accepted in snake_case and camelCase. Every error is a 400 on {@code x-portkey-config} whose message names the
 * JSON path, the value and the expectation, e.g. {@code targets[1].weight: -2 (expected: >= 0)}; credentials are
 * never echoed.
 *
 * <p>Shape and rules:
 * <ul>
 *   <li>A node without {@code targets} is a target (its strategy, if any, must be {@code single}). A node with
 *       {@code targets} is a group and must have a {@code strategy}; it may not name a provider, credential or
 *       provider-specific key, which belong on its targets.</li>
 *   <li>{@code strategy.mode}: {@code single} (exactly one target), {@code fallback} (optional
 *       {@code on_status_codes}), {@code loadbalance} (weights, default 1, at least one above 0), or
 *       {@code conditional} ({@code conditions: [{query, then}]} and optional {@code default}, both naming a target
 *       of the group by its {@code name}). Keys of another mode are refused.</li>
 *   <li>Targets are nested at most {@value #MAX_DEPTH} levels deep, and a config holds at most {@value #MAX_NODES}
 *       nodes; sibling names are unique.</li>
 *   <li>{@code retry}: {@code attempts} 0..10 (required), {@code on_status_codes} (default 429, 500, 502, 503, 504,
 *       529), {@code use_retry_after_header} or {@code use_retry_after_headers}. {@code request_timeout}:
 *       milliseconds, >= 1. {@code weight}: a number >= 0. Status codes: 100..599.</li>
 *   <li>Inherited down the tree unless a node sets its own: {@code retry}, {@code request_timeout}, {@code cache},
 *       {@code custom_host}, {@code forward_headers}. Merged key by key, the nearer node winning:
 *       {@code override_params} and the guardrail keys ({@code input_guardrails}, {@code output_guardrails},
 *       {@code before_request_hooks}, {@code after_request_hooks}). Not inherited: provider and credentials.</li>
 *   <li>{@code "provider": "@slug"} names a virtual key, like {@code virtual_key}.</li>
 *   <li>{@code cache} is checked here and kept as JSON for the cache stage; the guardrail keys are parsed into
 *       {@link dev.portcullis.guard.Hooks} (errors name where the key is written).</li>
 * </ul>
 */
public final class RoutingConfigParser {

  static final int MAX_DEPTH = 10;
  static final int MAX_NODES = 1000;

  private static final List<String> NODE_KEYS = List.of(
      "strategy", "targets", "name", "weight", "provider", "api_key", "virtual_key", "custom_host", "forward_headers",
      "override_params", "retry", "request_timeout", "cache", "input_guardrails", "output_guardrails",
      "before_request_hooks", "after_request_hooks");
  private static final List<String> GUARDRAIL_KEYS =
      List.of("input_guardrails", "output_guardrails", "before_request_hooks", "after_request_hooks");
  private static final List<String> PROVIDER_OPTION_PREFIXES =
      List.of("azure_", "aws_", "vertex_", "openai_", "anthropic_");
  private static final String PROVIDER_OPTIONS_TEXT =
      ", and provider keys azure_*, aws_*, vertex_*, openai_*, anthropic_*";
  private static final ConditionQueryParser CONDITIONS =
      new ConditionQueryParser(Set.of(RoutingFacts.PATHNAME), ConfigObject.HEADER);
  private static final List<String> STRATEGY_KEYS = List.of("mode", "on_status_codes", "conditions", "default");
  private static final List<String> MODES = List.of("single", "fallback", "loadbalance", "conditional");
  private static final Map<String, String> MODE_OF_KEY =
      Map.of("on_status_codes", "fallback", "conditions", "conditional", "default", "conditional");
  private static final List<String> RETRY_KEYS = List.of("attempts", "on_status_codes", "use_retry_after_headers");
  private static final List<String> CONDITION_KEYS = List.of("query", "then");

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private int nodes;

  private RoutingConfigParser() {}

  public static RoutingPlan parse(String json) {
    JsonNode tree;
    try {
      tree = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw malformed(e);
    }
    if (tree == null || tree.isMissingNode()) {
      throw invalid("config", "empty", "a JSON object");
    }
    return parse(tree);
  }

  public static RoutingPlan parse(JsonNode json) {
    return new RoutingPlan(new RoutingConfigParser().node(json, "config", InheritedSettings.NONE, 0));
  }

  /** The node's {@code cache}, checked now: a bad one is refused with the config, not on every call that uses it. */
  private static ObjectNode cache(ConfigObject o) {
    ObjectNode cache = o.object("cache");
    if (cache != null) {
      CacheSettings.parse(cache, "config");
    }
    return cache;
  }

  /** Names where the JSON broke, never the text around it (it may hold a key). */
  private static GatewayException malformed(JsonProcessingException e) {
    return GatewayException.badRequest("config: not valid JSON: " + JsonSyntaxMessage.describe(e),
        ConfigObject.HEADER);
  }

  /**
   * @param planPath the node's path as the response header shows it: {@code config}, {@code config.targets[1]}
   */
  private PlanNode node(JsonNode json, String planPath, InheritedSettings inherited, int depth) {
    String path = ConfigObject.messagePath(planPath);
    if (depth > MAX_DEPTH) {
      throw invalid(path, "nested " + depth + " levels deep", "at most " + MAX_DEPTH);
    }
    if (++nodes > MAX_NODES) {
      throw invalid("config", "more than " + MAX_NODES + " targets", "at most " + MAX_NODES);
    }
    ConfigObject o = new ConfigObject(json, path, NODE_KEYS, RoutingConfigParser::isProviderOption,
        PROVIDER_OPTIONS_TEXT);
    String name = o.string("name");
    double weight = o.number("weight", 0, 1);
    InheritedSettings settings = inherited.under(
        o.object("override_params"),
        o.has("retry") ? retry(new ConfigObject(o.get("retry"), o.at("retry"), RETRY_KEYS)) : null,
        o.integer("request_timeout", 1, Long.MAX_VALUE),
        cache(o),
        guardrails(o, path),
        customHost(o),
        o.strings("forward_headers", "header names"));
    ConfigObject strategy = o.has("strategy")
        ? new ConfigObject(o.get("strategy"), o.at("strategy"), STRATEGY_KEYS) : null;
    String mode = strategy == null ? null : mode(strategy);
    if (!o.has("targets")) {
      if (mode != null && !mode.equals("single")) {
        throw invalid(o.at("targets"), "missing", "a non-empty array of targets for mode '" + mode + "'");
      }
      return target(o, planPath, name, weight, settings);
    }
    for (String key : o.keys()) {
      if (key.equals("provider") || key.equals("api_key") || key.equals("virtual_key") || isProviderOption(key)) {
        throw invalid(o.at(key), "set on a node with targets", "it on each target instead");
      }
    }
    if (strategy == null) {
      throw invalid(o.at("strategy"), "missing", "a strategy with a mode, since targets is set");
    }
    ArrayNode targets = o.array("targets", "targets");
    if (mode.equals("single") && targets.size() != 1) {
      throw invalid(o.at("targets"), targets.size() + " targets", "exactly 1 for mode 'single'");
    }
    List<PlanNode> children = new ArrayList<>();
    Map<String, Integer> names = new LinkedHashMap<>();
    for (int i = 0; i < targets.size(); i++) {
      PlanNode child = node(targets.get(i), planPath + ".targets[" + i + "]", settings, depth + 1);
      if (child.name() != null) {
        Integer earlier = names.putIfAbsent(child.name(), i);
        if (earlier != null) {
          throw invalid(o.at("targets[" + i + "].name"), "'" + child.name() + "' is already the name of "
              + o.at("targets[" + earlier + "]"), "unique names among sibling targets");
        }
      }
      children.add(child);
    }
    if (mode.equals("loadbalance") && children.stream().allMatch(c -> c.weight() == 0)) {
      throw invalid(o.at("targets"), "every weight is 0", "at least one weight > 0");
    }
    return new GroupNode(planPath, name, weight, strategy(strategy, mode, names, o), children);
  }

  private static String mode(ConfigObject strategy) {
    String mode = strategy.string("mode");
    if (mode == null) {
      throw invalid(strategy.at("mode"), "missing", "one of " + String.join(", ", MODES));
    }
    if (!MODES.contains(mode)) {
      throw invalid(strategy.at("mode"), "'" + mode + "'", "one of " + String.join(", ", MODES));
    }
    for (String key : strategy.keys()) {
      String owner = MODE_OF_KEY.get(key);
      if (owner != null && !owner.equals(mode)) {
        throw invalid(strategy.at(key), "not used by mode '" + mode + "'", "only with mode '" + owner + "'");
      }
    }
    return mode;
  }

  private static Strategy strategy(ConfigObject s, String mode, Map<String, Integer> names, ConfigObject group) {
    return switch (mode) {
      case "single" -> new Strategy.Single();
      case "loadbalance" -> new Strategy.LoadBalance();
      case "fallback" -> {
        Set<Integer> codes = s.statusCodes("on_status_codes");
        yield new Strategy.Fallback(codes == null ? Set.of() : codes);
      }
      default -> {
        ArrayNode conditions = s.array("conditions", "conditions {query, then}");
        if (conditions == null) {
          throw invalid(s.at("conditions"), "missing", "a non-empty array of conditions {query, then}");
        }
        List<Condition> parsed = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
          ConfigObject c = new ConfigObject(conditions.get(i), s.at("conditions[" + i + "]"), CONDITION_KEYS);
          if (!c.has("query")) {
            throw invalid(c.at("query"), "missing", "an object of conditions");
          }
          ConditionQuery query = CONDITIONS.parse(c.get("query"), c.at("query"));
          String then = targetName(c, "then", names, group);
          if (then == null) {
            throw invalid(c.at("then"), "missing", "the name of the target to use");
          }
          parsed.add(new Condition(query, then, names.get(then)));
        }
        String fallbackName = targetName(s, "default", names, group);
        yield new Strategy.Conditional(parsed, fallbackName, fallbackName == null ? -1 : names.get(fallbackName));
      }
    };
  }

  private static String targetName(ConfigObject o, String key, Map<String, Integer> names, ConfigObject group) {
    String name = o.string(key);
    if (name != null && !names.containsKey(name)) {
      throw invalid(o.at(key), "'" + name + "'", names.isEmpty()
          ? "the name of a target, but no target in " + group.at("targets") + " has a name"
          : "one of the target names " + String.join(", ", names.keySet()));
    }
    return name;
  }

  private static RetryPolicy retry(ConfigObject retry) {
    Long attempts = retry.integer("attempts", 0, RetryPolicy.MAX_ATTEMPTS);
    if (attempts == null) {
      throw invalid(retry.at("attempts"), "missing", "an integer 0.." + RetryPolicy.MAX_ATTEMPTS);
    }
    Set<Integer> codes = retry.statusCodes("on_status_codes");
    Boolean useRetryAfter = retry.bool("use_retry_after_headers");
    return RetryPolicy.of(attempts.intValue(), codes == null ? RetryPolicy.DEFAULT_STATUS_CODES : codes,
        Boolean.TRUE.equals(useRetryAfter));
  }

  /** The node's guardrail keys, validated here so an error names where they are written. */
  private static ObjectNode guardrails(ConfigObject o, String path) {
    ObjectNode out = null;
    for (String key : GUARDRAIL_KEYS) {
      if (o.has(key)) {
        if (!o.get(key).isArray()) {
          throw invalid(o.at(key), describe(o.get(key)), "an array");
        }
        out = out == null ? JsonNodeFactory.instance.objectNode() : out;
        out.set(key, o.get(key));
      }
    }
    HooksParser.parse(out, prefix(path));
    return out;
  }

  private static String prefix(String path) {
    return path.isEmpty() ? "" : path + ".";
  }

  private static String customHost(ConfigObject o) {
    String host = o.string("custom_host");
    if (host == null) {
      return null;
    }
    try {
      URI uri = new URI(host);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return host;
      }
    } catch (java.net.URISyntaxException ignored) {
      // reported below
    }
    throw invalid(o.at("custom_host"), "'" + host + "'", "an http or https URL");
  }

  private static TargetNode target(
      ConfigObject o, String planPath, String name, double weight, InheritedSettings settings) {
    String provider = o.string("provider");
    String virtualKey = o.string("virtual_key");
    if (provider != null && provider.startsWith("@")) {
      if (virtualKey != null || provider.length() == 1) {
        throw invalid(o.at("provider"), "'" + provider + "'", virtualKey != null
            ? "either a virtual key as '@slug' or virtual_key, not both" : "a provider id, or '@' and a virtual key");
      }
      virtualKey = provider.substring(1);
      provider = null;
    }
    String apiKey = o.secret("api_key");
    ObjectNode providerOptions = JsonNodeFactory.instance.objectNode();
    o.keys().stream().filter(RoutingConfigParser::isProviderOption).forEach(k -> providerOptions.set(k, o.get(k)));
    return new TargetNode(planPath, name, weight, provider, apiKey, virtualKey, settings.customHost(),
        settings.forwardHeaders(), providerOptions, settings.overrideParams(), settings.retry(),
        settings.requestTimeoutMs(), settings.cache(),
        HooksParser.parse(settings.guardrails(), ""),
        breakerKey(provider, apiKey, virtualKey, settings.customHost()));
  }

  /**
   * Targets that reach the same upstream with the same credential share a breaker. The credential appears only as
   * a short SHA-256 fingerprint. Targets without provider or virtual key get none: their upstream depends on the
   * request.
   */
  private static String breakerKey(String provider, String apiKey, String virtualKey, String customHost) {
    String host = customHost == null ? "" : " " + customHost;
    if (virtualKey != null) {
      return "@" + virtualKey + host;
    }
    if (provider == null) {
      return null;
    }
    return provider + host + (apiKey == null ? "" : " key:" + fingerprint(apiKey));
  }

  private static String fingerprint(String secret) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static boolean isProviderOption(String key) {
    return PROVIDER_OPTION_PREFIXES.stream().anyMatch(key::startsWith);
  }
}
