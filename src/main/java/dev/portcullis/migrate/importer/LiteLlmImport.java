package dev.portcullis.migrate.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.keys.CredentialFields;
import dev.portcullis.keys.VirtualKeyService;
import dev.portcullis.provider.CredentialField;
import dev.portcullis.provider.ProviderSpec;
import dev.portcullis.provider.ProviderTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code portcullis import litellm config.yaml}. Each {@code model_list} deployment becomes a virtual key
 * ({@code os.environ/VAR} read from the environment; {@code api_base}, {@code api_version}, AWS and Vertex fields as
 * the provider's credential fields). The gateway has no model aliases, so the model names become one saved config,
 * {@value #CONFIG_ID}: a conditional route on the requested model to a load-balanced group of its deployments
 * (fallbacks, retries, timeout and cache from {@code router_settings} and {@code litellm_settings} included); a client
 * keeps calling {@code model: "gpt-4o"} and sends the config's id. Budgets become policy rules. Whatever has no
 * counterpart is listed with its path.
 */
public final class LiteLlmImport {

  static final String CONFIG_ID = "pc-litellm-router";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ENV_PREFIX = "os.environ/";
  private static final Map<String, String> PROVIDERS = Map.of("vertex_ai", "vertex-ai", "together_ai", "together",
      "fireworks_ai", "fireworks", "hosted_vllm", "vllm", "ollama_chat", "ollama", "azure_ai", "azure-openai",
      "lm_studio", "lm-studio");
  private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("api_key", "api_key"),
      Map.entry("api_version", "api_version"), Map.entry("aws_access_key_id", "aws_access_key_id"),
      Map.entry("aws_secret_access_key", "aws_secret_access_key"), Map.entry("aws_session_token", "aws_session_token"),
      Map.entry("aws_region_name", "aws_region"), Map.entry("aws_role_name", "aws_role_arn"),
      Map.entry("vertex_project", "vertex_project_id"), Map.entry("vertex_location", "vertex_region"),
      Map.entry("vertex_credentials", "vertex_service_account_json"));
  private static final Set<String> OVERRIDES = Set.of("temperature", "max_tokens", "top_p", "seed");
  private static final Map<String, String> DURATIONS = Map.ofEntries(Map.entry("1m", "minute"),
      Map.entry("60s", "minute"), Map.entry("1h", "hour"), Map.entry("60m", "hour"), Map.entry("1d", "day"),
      Map.entry("24h", "day"), Map.entry("7d", "week"), Map.entry("1w", "week"), Map.entry("30d", "month"),
      Map.entry("1mo", "month"));
  private static final Set<String> SECTIONS = Set.of("model_list", "router_settings", "litellm_settings",
      "general_settings");

  private final JsonNode root;
  private final Map<String, String> environment;
  private final Path directory;

  /**
   * @param directory the config file's directory, against which {@code vertex_credentials} file paths are read
   */
  public LiteLlmImport(JsonNode root, Map<String, String> environment, Path directory) {
    this.root = root;
    this.environment = environment;
    this.directory = directory;
  }

  public void run(ImportTarget target, String workspaceId) {
    ImportReport report = target.report();
    root.properties().forEach(e -> {
      if (!SECTIONS.contains(e.getKey())) {
        report.unmapped(e.getKey(), e.getKey().equals("environment_variables")
            ? "not imported: set these in the gateway's environment" : "no counterpart here");
      }
    });
    Map<String, ArrayNode> groups = new LinkedHashMap<>();
    JsonNode models = root.path("model_list");
    for (int i = 0; i < models.size(); i++) {
      deployment(target, workspaceId, models.get(i), "model_list[" + i + "]", groups);
    }
    JsonNode router = root.path("router_settings");
    JsonNode settings = root.path("litellm_settings");
    if (!groups.isEmpty()) {
      target.savedConfig(workspaceId, CONFIG_ID, "litellm router", routerConfig(report, groups, router, settings),
          "model_list");
      report.forAPerson("clients keep their model names and send the config: header x-portcullis-config: "
          + CONFIG_ID + " (or attach it to their API key as its default config)");
    }
    budget(target, workspaceId, settings, "litellm_settings");
    budget(target, workspaceId, root.path("general_settings"), "general_settings");
    unmappedRest(report, router, "router_settings", Set.of("routing_strategy", "fallbacks", "num_retries", "timeout",
        "model_group_alias"));
    unmappedRest(report, settings, "litellm_settings", Set.of("cache", "cache_params", "fallbacks", "num_retries",
        "request_timeout", "max_budget", "budget_duration"));
    unmappedRest(report, root.path("general_settings"), "general_settings", Set.of("max_budget",
        "budget_duration"));
  }

  private void deployment(ImportTarget target, String workspaceId, JsonNode entry, String path,
      Map<String, ArrayNode> groups) {
    ImportReport report = target.report();
    String modelName = entry.path("model_name").asText();
    JsonNode params = entry.path("litellm_params");
    String model = params.path("model").asText();
    int slash = model.indexOf('/');
    String prefix = slash < 0 ? "openai" : model.substring(0, slash);
    String upstreamModel = slash < 0 ? model : model.substring(slash + 1);
    Optional<ProviderSpec> provider = ProviderTable.find(PROVIDERS.getOrDefault(prefix, prefix));
    if (modelName.isEmpty() || model.isEmpty() || provider.isEmpty()) {
      report.unmapped(path, "deployment of model '" + model + "' not imported (expected: model_name and "
          + "litellm_params.model as provider/model with a provider of: " + String.join(", ", ProviderTable.ids())
          + ")");
      return;
    }
    String providerId = provider.get().id();
    ArrayNode group = groups.computeIfAbsent(modelName, n -> JSON.createArrayNode());
    String slug = slug(modelName) + "-" + (group.size() + 1);
    Map<String, String> credentials = new LinkedHashMap<>();
    List<String> unset = new ArrayList<>();
    String baseUrl = null;
    ObjectNode overrides = JSON.createObjectNode().put("model", upstreamModel);
    for (var p : params.properties()) {
      String name = p.getKey();
      String where = path + ".litellm_params." + name;
      if (name.equals("model") || name.equals("rpm") || name.equals("tpm") || name.equals("max_budget")
          || name.equals("budget_duration") || name.equals("weight")) {
        continue;
      }
      String value = resolved(p.getValue().asText(), unset, where);
      if (name.equals("api_base")) {
        baseUrl = value;
      } else if (FIELDS.containsKey(name)) {
        if (value != null) {
          credentials.put(FIELDS.get(name), name.equals("vertex_credentials") ? serviceAccount(value) : value);
        }
      } else if (OVERRIDES.contains(name)) {
        overrides.set(name, p.getValue());
      } else {
        report.unmapped(where, "no counterpart on a virtual key here");
      }
    }
    if (providerId.equals("azure-openai")) {
      credentials.put("deployment_id", upstreamModel);
      if (baseUrl != null && baseUrl.matches("https://[A-Za-z0-9-]+\\.openai\\.azure\\.com/?.*")) {
        credentials.put("resource_name", baseUrl.substring(8, baseUrl.indexOf('.')));
        baseUrl = null;
      }
    }
    entry.path("model_info").properties().forEach(e -> report.unmapped(path + ".model_info." + e.getKey(),
        "model metadata is not imported (prices come from the gateway's price catalog)"));
    List<String> secretFields = CredentialFields.of(providerId).stream()
        .filter(f -> f.secret() && f.required()).map(CredentialField::name).toList();
    boolean secretKnown = unset.isEmpty() && credentials.keySet().containsAll(secretFields);
    unset.forEach(variable -> report.forAPerson("environment variable " + variable + " is not set: virtual key '"
        + slug + "' needs it"));
    target.virtualKey(workspaceId, new VirtualKeyService.Draft(slug, modelName + " (litellm " + path + ")",
        providerId, credentials, baseUrl, null), secretKnown, path);
    ObjectNode targetNode = JSON.createObjectNode().put("virtual_key", slug);
    if (params.has("weight")) {
      targetNode.put("weight", params.path("weight").asDouble());
    }
    targetNode.set("override_params", overrides);
    group.add(targetNode);
    deploymentLimits(target, workspaceId, params, slug, path);
  }

  private void deploymentLimits(ImportTarget target, String workspaceId, JsonNode params, String slug, String path) {
    for (String kind : List.of("rpm", "tpm")) {
      if (params.has(kind)) {
        String unit = kind.equals("rpm") ? "requests" : "tokens";
        ObjectNode limit = JSON.createObjectNode().put(unit, params.path(kind).asLong()).put("per", "minute")
            .put("scope", "workspace");
        target.rule(workspaceId, rule("litellm " + kind + " of virtual key " + slug,
            JSON.createObjectNode().put("kind", "virtual_key").put("slug", slug), limit), path + ".litellm_params");
      }
    }
    if (params.has("max_budget")) {
      dollars(target, workspaceId, params, path + ".litellm_params", "litellm budget of virtual key " + slug,
          JSON.createObjectNode().put("kind", "virtual_key").put("slug", slug));
    }
  }

  private void budget(ImportTarget target, String workspaceId, JsonNode settings, String path) {
    if (settings.has("max_budget")) {
      dollars(target, workspaceId, settings, path, "litellm budget (" + path + ")",
          JSON.createObjectNode().put("kind", "any"));
    }
  }

  private static void dollars(ImportTarget target, String workspaceId, JsonNode holder, String path, String name,
      ObjectNode ruleTarget) {
    String duration = holder.path("budget_duration").asText("");
    String per = duration.isEmpty() ? "none" : DURATIONS.get(duration.toLowerCase(Locale.ROOT));
    if (per == null) {
      target.report().unmapped(path + ".budget_duration", "'" + duration + "' (expected one of: "
          + String.join(", ", DURATIONS.keySet().stream().sorted().toList()) + "); budget not imported");
      return;
    }
    ObjectNode limit = JSON.createObjectNode().put("dollars", holder.path("max_budget").asDouble()).put("per", per)
        .put("scope", "workspace");
    target.rule(workspaceId, rule(name, ruleTarget, limit), path);
  }

  private static ObjectNode rule(String name, ObjectNode ruleTarget, ObjectNode limit) {
    ObjectNode rule = JSON.createObjectNode().put("name", name).put("action", "allow");
    rule.set("target", ruleTarget);
    rule.set("limit", limit);
    return rule;
  }

  private static String routerConfig(ImportReport report, Map<String, ArrayNode> groups, JsonNode router,
      JsonNode settings) {
    ObjectNode config = JSON.createObjectNode();
    ObjectNode strategy = config.putObject("strategy").put("mode", "conditional");
    ArrayNode conditions = strategy.putArray("conditions");
    Map<String, List<String>> fallbacks = fallbacks(router.has("fallbacks") ? router.path("fallbacks")
        : settings.path("fallbacks"));
    ArrayNode targets = config.putArray("targets");
    groups.forEach((name, deployments) -> {
      conditions.addObject().put("then", name).putObject("query").putObject("params.model").put("$eq", name);
      List<String> chain = fallbacks.getOrDefault(name, List.of()).stream().filter(groups::containsKey).toList();
      fallbacks.getOrDefault(name, List.of()).stream().filter(f -> !groups.containsKey(f)).forEach(f ->
          report.unmapped("router_settings.fallbacks", "'" + name + "' falls back to '" + f
              + "', which is not a model_name of model_list"));
      if (chain.isEmpty()) {
        targets.add(group(name, deployments));
      } else {
        ObjectNode withFallbacks = targets.addObject().put("name", name);
        withFallbacks.putObject("strategy").put("mode", "fallback");
        ArrayNode chained = withFallbacks.putArray("targets");
        chained.add(group(null, deployments));
        chain.forEach(f -> chained.add(group(null, groups.get(f))));
      }
    });
    router.path("model_group_alias").properties().forEach(alias -> {
      String group = alias.getValue().isTextual() ? alias.getValue().asText() : alias.getValue().path("model")
          .asText();
      if (groups.containsKey(group)) {
        conditions.addObject().put("then", group).putObject("query").putObject("params.model")
            .put("$eq", alias.getKey());
      } else {
        report.unmapped("router_settings.model_group_alias." + alias.getKey(), "'" + group
            + "' is not a model_name of model_list");
      }
    });
    strategy.put("default", groups.keySet().iterator().next());
    int retries = router.path("num_retries").asInt(settings.path("num_retries").asInt(0));
    if (retries > 0) {
      config.putObject("retry").put("attempts", Math.min(retries, 10));
    }
    double timeoutSeconds = router.path("timeout").asDouble(settings.path("request_timeout").asDouble(0));
    if (timeoutSeconds > 0) {
      config.put("request_timeout", Math.round(timeoutSeconds * 1000));
    }
    if (settings.path("cache").asBoolean(false)) {
      ObjectNode cache = config.putObject("cache").put("mode", "simple");
      JsonNode ttl = settings.path("cache_params").path("ttl");
      if (ttl.isNumber()) {
        cache.put("max_age", ttl.asLong());
      }
      settings.path("cache_params").properties().stream().filter(p -> !p.getKey().equals("ttl")).forEach(p ->
          report.unmapped("litellm_settings.cache_params." + p.getKey(), "the cache store is the gateway's own "
              + "(in process, or Redis when PORTCULLIS_REDIS_URL is set)"));
    }
    String strategyName = router.path("routing_strategy").asText("simple-shuffle");
    if (!strategyName.equals("simple-shuffle")) {
      report.unmapped("router_settings.routing_strategy", "'" + strategyName + "': deployments are load-balanced "
          + "by weight; for routing on live latency and health call a bare model name (smart routing)");
    }
    try {
      return JSON.writeValueAsString(config);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode group(String name, ArrayNode deployments) {
    ObjectNode group = JSON.createObjectNode();
    if (name != null) {
      group.put("name", name);
    }
    group.putObject("strategy").put("mode", "loadbalance");
    group.set("targets", deployments.deepCopy());
    return group;
  }

  /** LiteLLM's {@code fallbacks: [{"gpt-4o": ["gpt-4o-mini"]}]} by model name. */
  private static Map<String, List<String>> fallbacks(JsonNode list) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    list.forEach(item -> item.properties().forEach(e -> {
      List<String> to = new ArrayList<>();
      e.getValue().forEach(v -> to.add(v.asText()));
      out.put(e.getKey(), to);
    }));
    return out;
  }

  private static void unmappedRest(ImportReport report, JsonNode section, String path, Set<String> mapped) {
    section.properties().stream().filter(p -> !mapped.contains(p.getKey())).forEach(p ->
        report.unmapped(path + "." + p.getKey(), "no counterpart here"));
  }

  /** A value, {@code os.environ/VAR} read from the environment (null, and the variable noted, when unset). */
  private String resolved(String value, List<String> unset, String where) {
    if (!value.startsWith(ENV_PREFIX)) {
      return value;
    }
    String variable = value.substring(ENV_PREFIX.length());
    String found = environment.get(variable);
    if (found == null) {
      unset.add(variable + " (" + where + ")");
    }
    return found;
  }

  /** Vertex credentials: the service account JSON itself, or a path to it. */
  private String serviceAccount(String value) {
    if (value.strip().startsWith("{")) {
      return value;
    }
    try {
      return Files.readString(directory.resolve(value));
    } catch (IOException e) {
      throw new IllegalArgumentException("vertex_credentials: '" + value
          + "' cannot be read (expected: the service account JSON, or a path to it)");
    }
  }

  private static String slug(String modelName) {
    String s = modelName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return s.isEmpty() ? "model" : s.length() > 56 ? s.substring(0, 56) : s;
  }
}
