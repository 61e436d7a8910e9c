package dev.portcullis.routing.config;

import static java.util.Collections.nCopies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import dev.portcullis.error.GatewayException;
import dev.portcullis.guard.GuardrailRef;
import dev.portcullis.guard.Hooks;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoutingConfigParserTest {

  private static final String SNAKE = """
      {
        "strategy": {"mode": "fallback", "on_status_codes": [429, 503]},
        "retry": {"attempts": 3, "on_status_codes": [500], "use_retry_after_header": true},
        "request_timeout": 5000,
        "override_params": {"temperature": 0.2},
        "forward_headers": ["x-user"],
        "targets": [
          {"provider": "openai", "api_key": "sk-one", "custom_host": "https://llm.example.com/v1",
           "azure_resource_name": "east", "input_guardrails": ["pii"], "cache": {"mode": "simple"}},
          {"virtual_key": "anthropic-prod", "name": "backup", "weight": 2,
           "strategy": {"mode": "single"}}
        ]
      }
      """;

  private static final String CAMEL = """
      {
        "strategy": {"mode": "fallback", "onStatusCodes": [429, 503]},
        "retry": {"attempts": 3, "onStatusCodes": [500], "useRetryAfterHeaders": true},
        "requestTimeout": 5000,
        "overrideParams": {"temperature": 0.2},
        "forwardHeaders": ["x-user"],
        "targets": [
          {"provider": "openai", "apiKey": "sk-one", "customHost": "https://llm.example.com/v1",
           "azureResourceName": "east", "inputGuardrails": ["pii"], "cache": {"mode": "simple"}},
          {"virtualKey": "anthropic-prod", "name": "backup", "weight": 2,
           "strategy": {"mode": "single"}}
        ]
      }
      """;

  @Test
  void snakeCaseAndCamelCaseConfigsMakeTheSamePlan() {
    RoutingPlan snake = RoutingConfigParser.parse(SNAKE);
    RoutingPlan camel = RoutingConfigParser.parse(CAMEL);
    assertThat(camel).hasToString(snake.toString());
    assertThat(target(camel, 0)).isEqualTo(target(snake, 0));
    assertThat(target(camel, 1)).isEqualTo(target(snake, 1));
    assertThat(((GroupNode) camel.root()).strategy()).isEqualTo(((GroupNode) snake.root()).strategy());
  }

  @Test
  void planCarriesEveryTargetSettingWithItsPath() {
    GroupNode root = (GroupNode) RoutingConfigParser.parse(SNAKE).root();
    assertThat(root.path()).isEqualTo("config");
    assertThat(root.strategy()).isEqualTo(new Strategy.Fallback(Set.of(429, 503)));
    TargetNode first = (TargetNode) root.children().get(0);
    assertThat(first.path()).isEqualTo("config.targets[0]");
    assertThat(first.provider()).isEqualTo("openai");
    assertThat(first.apiKey()).isEqualTo("sk-one");
    assertThat(first.customHost()).isEqualTo("https://llm.example.com/v1");
    assertThat(first.forwardHeaders()).containsExactly("x-user");
    assertThat(first.providerOptions()).hasToString("{\"azure_resource_name\":\"east\"}");
    assertThat(first.overrideParams()).hasToString("{\"temperature\":0.2}");
    assertThat(first.retry()).isEqualTo(RetryPolicy.of(3, Set.of(500), true));
    assertThat(first.requestTimeoutMs()).isEqualTo(OptionalLong.of(5000));
    assertThat(first.cacheJson()).hasToString("{\"mode\":\"simple\"}");
    assertThat(first.hooks().before()).containsExactly(new GuardrailRef.Saved("pii"));
    assertThat(first.weight()).isEqualTo(1);
    TargetNode second = (TargetNode) root.children().get(1);
    assertThat(second.path()).isEqualTo("config.targets[1]");
    assertThat(second.virtualKey()).isEqualTo("anthropic-prod");
    assertThat(second.name()).isEqualTo("backup");
    assertThat(second.weight()).isEqualTo(2);
    assertThat(second.customHost()).isNull();
    assertThat(second.cacheJson()).isNull();
  }

  @Test
  void configWithoutTargetsIsOneTargetAtConfig() {
    RoutingPlan plan = RoutingConfigParser.parse("{\"provider\": \"groq\", \"api_key\": \"gsk\"}");
    assertThat(plan.root()).isInstanceOf(TargetNode.class);
    assertThat(plan.root().path()).isEqualTo("config");
    assertThat(((TargetNode) plan.root()).retry()).isEqualTo(RetryPolicy.NONE);
    assertThat(((TargetNode) plan.root()).requestTimeoutMs()).isEmpty();
  }

  @Test
  void configWithOnlyRetryLeavesAddressingToTheRequest() {
    TargetNode target = (TargetNode) RoutingConfigParser.parse("{\"retry\": {\"attempts\": 2}}").root();
    assertThat(target.provider()).isNull();
    assertThat(target.virtualKey()).isNull();
    assertThat(target.breakerKey()).isNull();
    assertThat(target.retry()).isEqualTo(RetryPolicy.of(2, RetryPolicy.DEFAULT_STATUS_CODES, false));
  }

  @Test
  void overrideParamsMergeDownTheTreeNearerNodeWinning() {
    RoutingPlan plan = RoutingConfigParser.parse("""
        {"override_params": {"model": "gpt-4o", "temperature": 0.1, "max_tokens": 100},
         "strategy": {"mode": "loadbalance"},
         "targets": [
           {"override_params": {"temperature": 0.5},
            "strategy": {"mode": "fallback"},
            "targets": [{"provider": "openai", "override_params": {"model": "gpt-4o-mini"}},
                        {"provider": "openai"}]},
           {"provider": "groq"}]}
        """);
    assertThat(target(plan, 0, 0).overrideParams())
        .hasToString("{\"model\":\"gpt-4o-mini\",\"temperature\":0.5,\"max_tokens\":100}");
    assertThat(target(plan, 0, 1).overrideParams())
        .hasToString("{\"model\":\"gpt-4o\",\"temperature\":0.5,\"max_tokens\":100}");
    assertThat(target(plan, 1).overrideParams())
        .hasToString("{\"model\":\"gpt-4o\",\"temperature\":0.1,\"max_tokens\":100}");
  }

  @Test
  void timeoutRetryCacheHostAndHeadersAreInheritedUnlessOverridden() {
    RoutingPlan plan = RoutingConfigParser.parse("""
        {"request_timeout": 3000, "retry": {"attempts": 2}, "cache": {"mode": "simple"},
         "custom_host": "http://gateway.example.com/v1", "forward_headers": ["x-a"],
         "strategy": {"mode": "fallback"},
         "targets": [
           {"provider": "openai"},
           {"provider": "openai", "request_timeout": 800, "retry": {"attempts": 0},
            "cache": {"mode": "semantic"}, "custom_host": "https://other.example.com", "forward_headers": ["x-b"]}]}
        """);
    TargetNode inherits = target(plan, 0);
    assertThat(inherits.requestTimeoutMs()).hasValue(3000);
    assertThat(inherits.retry().attempts()).isEqualTo(2);
    assertThat(inherits.cacheJson()).hasToString("{\"mode\":\"simple\"}");
    assertThat(inherits.customHost()).isEqualTo("http://gateway.example.com/v1");
    assertThat(inherits.forwardHeaders()).containsExactly("x-a");
    TargetNode overrides = target(plan, 1);
    assertThat(overrides.requestTimeoutMs()).hasValue(800);
    assertThat(overrides.retry()).isEqualTo(RetryPolicy.NONE);
    assertThat(overrides.cacheJson()).hasToString("{\"mode\":\"semantic\"}");
    assertThat(overrides.customHost()).isEqualTo("https://other.example.com");
    assertThat(overrides.forwardHeaders()).containsExactly("x-b");
  }

  @Test
  void guardrailKeysMergeOneByOne() {
    RoutingPlan plan = RoutingConfigParser.parse("""
        {"input_guardrails": ["pii"], "output_guardrails": ["json"],
         "strategy": {"mode": "single"},
         "targets": [{"provider": "openai", "outputGuardrails": ["length"]}]}
        """);
    Hooks hooks = target(plan, 0).hooks();
    assertThat(hooks.before()).containsExactly(new GuardrailRef.Saved("pii"));
    assertThat(hooks.after()).containsExactly(new GuardrailRef.Saved("length"));
  }

  @Test
  void providerAtSlugNamesAVirtualKey() {
    TargetNode target = (TargetNode) RoutingConfigParser.parse("{\"provider\": \"@openai-prod\"}").root();
    assertThat(target.provider()).isNull();
    assertThat(target.virtualKey()).isEqualTo("openai-prod");
    assertThat(target.breakerKey()).isEqualTo("@openai-prod");
  }

  @Test
  void targetsWithTheSameUpstreamAndCredentialShareABreakerKeyWithoutTheKeyInIt() {
    RoutingPlan plan = RoutingConfigParser.parse("""
        {"strategy": {"mode": "fallback"}, "targets": [
          {"provider": "openai", "api_key": "sk-secret-1"},
          {"provider": "openai", "api_key": "sk-secret-1", "override_params": {"model": "gpt-4o-mini"}},
          {"provider": "openai", "api_key": "sk-secret-2"},
          {"provider": "openai", "api_key": "sk-secret-1", "custom_host": "https://proxy.example.com/v1"}]}
        """);
    assertThat(target(plan, 0).breakerKey()).isEqualTo(target(plan, 1).breakerKey()).startsWith("openai key:")
        .doesNotContain("secret");
    assertThat(target(plan, 2).breakerKey()).isNotEqualTo(target(plan, 0).breakerKey());
    assertThat(target(plan, 3).breakerKey()).startsWith("openai https://proxy.example.com/v1 key:");
  }

  @Test
  void conditionalTargetsAreResolvedByNameOnce() {
    GroupNode root = (GroupNode) RoutingConfigParser.parse("""
        {"strategy": {"mode": "conditional",
                      "conditions": [{"query": {"metadata.plan": {"$eq": "paid"}}, "then": "smart"}],
                      "default": "fast"},
         "targets": [{"name": "fast", "provider": "groq"}, {"name": "smart", "provider": "openai"}]}
        """).root();
    Strategy.Conditional strategy = (Strategy.Conditional) root.strategy();
    assertThat(strategy.conditions()).extracting(Condition::then, Condition::thenIndex).containsExactly(
        tuple("smart", 1));
    assertThat(strategy.defaultName()).isEqualTo("fast");
    assertThat(strategy.defaultIndex()).isZero();
  }

  @Test
  void nestedTargetsCarryTheirFullPath() {
    RoutingPlan plan = RoutingConfigParser.parse("""
        {"strategy": {"mode": "fallback"}, "targets": [
          {"provider": "openai"},
          {"strategy": {"mode": "loadbalance"}, "targets": [{"provider": "groq"}, {"provider": "openai"}]}]}
        """);
    assertThat(target(plan, 1, 0).path()).isEqualTo("config.targets[1].targets[0]");
    assertThat(target(plan, 1, 1).path()).isEqualTo("config.targets[1].targets[1]");
  }

  @Test
  void toStringShowsTheTreeButNeverACredential() {
    String text = RoutingConfigParser.parse(SNAKE).toString();
    assertThat(text).isEqualTo("""
        RoutingPlan
          config fallback on [429, 503]
            config.targets[0] target provider=openai api_key=*** custom_host=https://llm.example.com/v1 \
        forward_headers=[x-user] provider_options=[azure_resource_name] override_params={"temperature":0.2} \
        retry=RetryPolicy[3 on [500], Retry-After honoured, backoff cap 10000 ms, total wait cap 60000 ms] \
        request_timeout=5000ms cache={"mode":"simple"} guardrails=Hooks[before 1, after 0]
            config.targets[1] target name=backup virtual_key=anthropic-prod forward_headers=[x-user] \
        override_params={"temperature":0.2} \
        retry=RetryPolicy[3 on [500], Retry-After honoured, backoff cap 10000 ms, total wait cap 60000 ms] \
        request_timeout=5000ms weight=2.0""");
    assertThat(text).doesNotContain("sk-one");
  }

  @Test
  void jsonValuesOfThePlanCannotBeChangedFromOutside() {
    TargetNode target = (TargetNode) RoutingConfigParser.parse("{\"override_params\": {\"model\": \"a\"}}").root();
    target.overrideParams().put("model", "b");
    assertThat(target.overrideParams()).hasToString("{\"model\":\"a\"}");
  }

  @Test
  void nestingTenLevelsDeepIsAllowed() {
    assertThat(RoutingConfigParser.parse(nested(10)).toString()).contains(".targets[0]".repeat(10) + " target");
  }

  static Stream<Arguments> invalidConfigs() {
    return Stream.of(
        Arguments.of("{\"provider\": ", "config: not valid JSON: the text ends early at line 1, column 14 (expected: the rest "
            + "of the JSON, up to its closing bracket or quote)"),
        Arguments.of("{\"provider\": \"a\", \"provider\": \"b\"}",
            "config: not valid JSON: duplicate key 'provider' at line 1, column 29 (expected: each key once "
                + "per object)"),
        Arguments.of("{} {}", "config: not valid JSON: more JSON after the first value at line 1, column 4 (expected: one "
            + "JSON object)"),
        Arguments.of("", "config: empty (expected: a JSON object)"),
        Arguments.of("[1]", "config: an array (expected: an object)"),
        Arguments.of("{\"provder\": \"openai\"}", "provder: unknown key (allowed: strategy, targets, name, weight, "
            + "provider, api_key, virtual_key, custom_host, forward_headers, override_params, retry, "
            + "request_timeout, cache, input_guardrails, output_guardrails, before_request_hooks, "
            + "after_request_hooks, and provider keys azure_*, aws_*, vertex_*, openai_*, anthropic_*)"),
        Arguments.of("{\"api_key\": \"sk\", \"apiKey\": \"sk\"}",
            "config: 'api_key' and 'apiKey' are the same key (expected: one of them)"),
        Arguments.of("{\"retry\": {\"attempts\": 1, \"use_retry_after_header\": true, "
            + "\"useRetryAfterHeaders\": true}}",
            "retry: 'use_retry_after_header' and 'useRetryAfterHeaders' are the same key (expected: one of them)"),
        Arguments.of("{\"provider\": 7}", "provider: 7 (expected: a non-empty string)"),
        Arguments.of("{\"api_key\": 12345}", "api_key: a number (expected: a non-empty string)"),
        Arguments.of("{\"api_key\": \"\"}", "api_key: empty (expected: a non-empty string)"),
        Arguments.of("{\"provider\": \"@\"}", "provider: '@' (expected: a provider id, or '@' and a virtual key)"),
        Arguments.of("{\"provider\": \"@prod\", \"virtual_key\": \"prod\"}",
            "provider: '@prod' (expected: either a virtual key as '@slug' or virtual_key, not both)"),
        Arguments.of("{\"custom_host\": \"ftp://files.example.com\"}",
            "custom_host: 'ftp://files.example.com' (expected: an http or https URL)"),
        Arguments.of("{\"forward_headers\": \"x-user\"}",
            "forward_headers: 'x-user' (expected: a non-empty array of header names)"),
        Arguments.of("{\"forward_headers\": [\"\"]}", "forward_headers[0]: '' (expected: a non-empty string)"),
        Arguments.of("{\"override_params\": [1]}", "override_params: an array (expected: an object)"),
        Arguments.of("{\"cache\": true}", "cache: true (expected: an object)"),
        Arguments.of("{\"input_guardrails\": \"pii\"}", "input_guardrails: 'pii' (expected: an array)"),
        Arguments.of("{\"request_timeout\": 0}", "request_timeout: 0 (expected: >= 1)"),
        Arguments.of("{\"request_timeout\": 1.5}", "request_timeout: 1.5 (expected: an integer >= 1)"),
        Arguments.of("{\"request_timeout\": \"5000\"}", "request_timeout: '5000' (expected: an integer >= 1)"),
        Arguments.of("{\"retry\": 3}", "retry: 3 (expected: an object)"),
        Arguments.of("{\"retry\": {}}", "retry.attempts: missing (expected: an integer 0..10)"),
        Arguments.of("{\"retry\": {\"attempts\": 12}}", "retry.attempts: 12 (expected: 0..10)"),
        Arguments.of("{\"retry\": {\"attempts\": -1}}", "retry.attempts: -1 (expected: 0..10)"),
        Arguments.of("{\"retry\": {\"attempts\": \"three\"}}",
            "retry.attempts: 'three' (expected: an integer 0..10)"),
        Arguments.of("{\"retry\": {\"attempts\": 2, \"on_status_codes\": []}}",
            "retry.on_status_codes: empty (expected: a non-empty array of HTTP status codes)"),
        Arguments.of("{\"retry\": {\"attempts\": 2, \"on_status_codes\": [429, 999]}}",
            "retry.on_status_codes[1]: 999 (expected: an HTTP status code 100..599)"),
        Arguments.of("{\"retry\": {\"attempts\": 2, \"use_retry_after_headers\": \"yes\"}}",
            "retry.use_retry_after_headers: 'yes' (expected: true or false)"),
        Arguments.of("{\"retry\": {\"attempts\": 2, \"backoff\": 5}}",
            "retry.backoff: unknown key (allowed: attempts, on_status_codes, use_retry_after_headers)"),
        Arguments.of("{\"weight\": -2}", "weight: -2 (expected: >= 0)"),
        Arguments.of("{\"strategy\": {\"mode\": \"loadbalance\"}, \"targets\": [{\"provider\": \"a\"}, "
            + "{\"provider\": \"b\", \"weight\": -2}]}", "targets[1].weight: -2 (expected: >= 0)"),
        Arguments.of("{\"strategy\": {\"mode\": \"loadbalance\"}, \"targets\": [{\"weight\": \"heavy\"}]}",
            "targets[0].weight: 'heavy' (expected: a number >= 0)"),
        Arguments.of("{\"strategy\": {\"mode\": \"loadbalance\"}, \"targets\": [{\"weight\": 0}, {\"weight\": 0}]}",
            "targets: every weight is 0 (expected: at least one weight > 0)"),
        Arguments.of("{\"strategy\": {}, \"targets\": [{}]}",
            "strategy.mode: missing (expected: one of single, fallback, loadbalance, conditional)"),
        Arguments.of("{\"strategy\": {\"mode\": \"round-robin\"}, \"targets\": [{}]}",
            "strategy.mode: 'round-robin' (expected: one of single, fallback, loadbalance, conditional)"),
        Arguments.of("{\"strategy\": {\"mode\": \"fallback\", \"retries\": 1}, \"targets\": [{}]}",
            "strategy.retries: unknown key (allowed: mode, on_status_codes, conditions, default)"),
        Arguments.of("{\"strategy\": {\"mode\": \"loadbalance\", \"on_status_codes\": [429]}, \"targets\": [{}]}",
            "strategy.on_status_codes: not used by mode 'loadbalance' (expected: only with mode 'fallback')"),
        Arguments.of("{\"strategy\": {\"mode\": \"fallback\", \"default\": \"a\"}, \"targets\": [{}]}",
            "strategy.default: not used by mode 'fallback' (expected: only with mode 'conditional')"),
        Arguments.of("{\"strategy\": {\"mode\": \"fallback\", \"on_status_codes\": [\"429\"]}, \"targets\": [{}]}",
            "strategy.on_status_codes[0]: '429' (expected: an HTTP status code 100..599)"),
        Arguments.of("{\"strategy\": {\"mode\": \"fallback\"}}",
            "targets: missing (expected: a non-empty array of targets for mode 'fallback')"),
        Arguments.of("{\"strategy\": {\"mode\": \"fallback\"}, \"targets\": []}",
            "targets: empty (expected: a non-empty array of targets)"),
        Arguments.of("{\"strategy\": {\"mode\": \"fallback\"}, \"targets\": {\"provider\": \"openai\"}}",
            "targets: an object (expected: a non-empty array of targets)"),
        Arguments.of("{\"strategy\": {\"mode\": \"fallback\"}, \"targets\": [\"openai\"]}",
            "targets[0]: 'openai' (expected: an object)"),
        Arguments.of("{\"strategy\": {\"mode\": \"single\"}, \"targets\": [{}, {}]}",
            "targets: 2 targets (expected: exactly 1 for mode 'single')"),
        Arguments.of("{\"targets\": [{\"provider\": \"openai\"}]}",
            "strategy: missing (expected: a strategy with a mode, since targets is set)"),
        Arguments.of("{\"provider\": \"openai\", \"strategy\": {\"mode\": \"fallback\"}, \"targets\": [{}]}",
            "provider: set on a node with targets (expected: it on each target instead)"),
        Arguments.of("{\"aws_region\": \"us-east-1\", \"strategy\": {\"mode\": \"fallback\"}, \"targets\": [{}]}",
            "aws_region: set on a node with targets (expected: it on each target instead)"),
        Arguments.of("{\"strategy\": {\"mode\": \"fallback\"}, \"targets\": [{\"name\": \"a\"}, {\"name\": \"a\"}]}",
            "targets[1].name: 'a' is already the name of targets[0] (expected: unique names among sibling targets)"),
        Arguments.of("{\"strategy\": {\"mode\": \"conditional\"}, \"targets\": [{\"name\": \"a\"}]}",
            "strategy.conditions: missing (expected: a non-empty array of conditions {query, then})"),
        Arguments.of("{\"strategy\": {\"mode\": \"conditional\", \"conditions\": [{\"then\": \"a\"}]}, "
            + "\"targets\": [{\"name\": \"a\"}]}",
            "strategy.conditions[0].query: missing (expected: an object of conditions)"),
        Arguments.of("{\"strategy\": {\"mode\": \"conditional\", \"conditions\": "
            + "[{\"query\": {\"metadata.x\": \"1\"}}]}, \"targets\": [{\"name\": \"a\"}]}",
            "strategy.conditions[0].then: missing (expected: the name of the target to use)"),
        Arguments.of("{\"strategy\": {\"mode\": \"conditional\", \"conditions\": "
            + "[{\"query\": {\"metadata.x\": \"1\"}, \"then\": \"b\"}]}, "
            + "\"targets\": [{\"name\": \"a\"}, {\"name\": \"c\"}]}",
            "strategy.conditions[0].then: 'b' (expected: one of the target names a, c)"),
        Arguments.of("{\"strategy\": {\"mode\": \"conditional\", \"conditions\": "
            + "[{\"query\": {\"metadata.x\": \"1\"}, \"then\": \"b\"}]}, \"targets\": [{}]}",
            "strategy.conditions[0].then: 'b' (expected: the name of a target, but no target in targets has a name)"),
        Arguments.of("{\"strategy\": {\"mode\": \"conditional\", \"default\": \"z\", \"conditions\": "
            + "[{\"query\": {\"metadata.x\": \"1\"}, \"then\": \"a\"}]}, \"targets\": [{\"name\": \"a\"}]}",
            "strategy.default: 'z' (expected: one of the target names a)"),
        Arguments.of("{\"strategy\": {\"mode\": \"conditional\", \"conditions\": "
            + "[{\"query\": {\"metadata.x\": {\"$like\": \"1\"}}, \"then\": \"a\"}]}, "
            + "\"targets\": [{\"name\": \"a\"}]}",
            "strategy.conditions[0].query.metadata.x: unknown operator '$like' (expected: one of $eq, $ne, $gt, "
                + "$gte, $lt, $lte, $in, $nin, $regex)"),
        Arguments.of("{\"strategy\": {\"mode\": \"fallback\"}, \"targets\": [{\"strategy\": {\"mode\": \"single\"}, "
            + "\"targets\": [{\"retry\": {\"attempts\": 11}}]}]}",
            "targets[0].targets[0].retry.attempts: 11 (expected: 0..10)"),
        Arguments.of(nested(11), "targets[0]".repeat(1) + ".targets[0]".repeat(10)
            + ": nested 11 levels deep (expected: at most 10)"),
        Arguments.of(wide(1001), "config: more than 1000 targets (expected: at most 1000)"));
  }

  @ParameterizedTest
  @MethodSource("invalidConfigs")
  void invalidConfigIsA400NamingPathValueAndExpectation(String json, String message) {
    GatewayException e = catchThrowableOfType(GatewayException.class, () -> RoutingConfigParser.parse(json));
    assertThat(e).hasMessage(message);
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.param()).isEqualTo("x-portkey-config");
  }

  @Test
  void errorsNeverEchoAnApiKey() {
    GatewayException e = catchThrowableOfType(GatewayException.class,
        () -> RoutingConfigParser.parse("{\"api_key\": sk-live-1234}"));
    assertThat(e.getMessage()).doesNotContain("sk-live").startsWith("config: not valid JSON: a word that is not JSON at line 1");
  }

  @Test
  void defaultRetryCodesArePortkeys() {
    assertThat(RetryPolicy.DEFAULT_STATUS_CODES).containsExactlyInAnyOrder(429, 500, 502, 503, 504, 529);
    assertThat(RetryPolicy.DEFAULT_MAX_WAIT).isEqualTo(Duration.ofSeconds(60));
  }

  private static String nested(int depth) {
    String json = "{\"provider\": \"openai\"}";
    for (int i = 0; i < depth; i++) {
      json = "{\"strategy\": {\"mode\": \"single\"}, \"targets\": [" + json + "]}";
    }
    return json;
  }

  private static String wide(int targets) {
    return "{\"strategy\": {\"mode\": \"loadbalance\"}, \"targets\": ["
        + String.join(",", nCopies(targets, "{}")) + "]}";
  }

  private static TargetNode target(RoutingPlan plan, int... indices) {
    PlanNode node = plan.root();
    for (int i : indices) {
      node = ((GroupNode) node).children().get(i);
    }
    return (TargetNode) node;
  }


  @Test
  void aBadCacheIsRefusedWithTheConfigRatherThanOnEveryCall() {
    assertThatThrownBy(() -> RoutingConfigParser.parse("{\"targets\": [{\"provider\": \"openai\"}], "
        + "\"strategy\": {\"mode\": \"fallback\"}, \"cache\": {\"mode\": \"exact\"}}"))
        .isInstanceOf(GatewayException.BadRequest.class)
        .hasMessage("config: cache.mode is 'exact' (expected: \"simple\" or \"semantic\")");
  }
}
