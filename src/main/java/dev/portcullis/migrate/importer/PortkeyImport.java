package dev.portcullis.migrate.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.keys.VirtualKeyService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code portcullis import portkey}: a Portkey account read through its admin API and created here. Portkey
 * workspaces become child workspaces (by name) of the target workspace; each one's virtual keys (with their usage and
 * rate limits as policy rules) and configs (keeping their {@code pc-...} ids where free) go into it. Prompts are read
 * with every version by {@link PortkeyPrompts}; creating them is the prompt library's step.
 */
public final class PortkeyImport {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Portkey's camelCase provider settings as this gateway's credential fields. */
  private static final Map<String, String> SETTINGS = Map.of("resourceName", "resource_name", "deploymentName",
      "deployment_id", "apiVersion", "api_version", "awsRegion", "aws_region", "vertexProjectId", "vertex_project_id",
      "vertexRegion", "vertex_region");
  private static final Map<String, String> RATE_UNITS = Map.of("rpm", "minute", "rph", "hour", "rpd", "day");
  private static final Map<String, String> RESETS = Map.of("monthly", "month", "weekly", "week");

  private final PortkeyAdminClient portkey;
  private final VirtualKeySecrets secrets;

  public PortkeyImport(PortkeyAdminClient portkey, VirtualKeySecrets secrets) {
    this.portkey = portkey;
    this.secrets = secrets;
  }

  /** Reads the account and creates it in {@code workspaceId} (and child workspaces of it). */
  public List<PortkeyPrompts.Prompt> run(ImportTarget target, String workspaceId) {
    List<PortkeyWorkspaces.Workspace> workspaces;
    try {
      workspaces = new PortkeyWorkspaces().read(portkey, null);
    } catch (PortkeyAdminClient.Refused e) {
      target.report().unmapped("workspaces", "not read (" + e.getMessage() + "); everything goes into workspace '"
          + workspaceId + "'");
      workspaces = List.of();
    }
    Map<String, String> scopes = new LinkedHashMap<>();
    if (workspaces.isEmpty()) {
      scopes.put(null, workspaceId);
    }
    for (PortkeyWorkspaces.Workspace w : workspaces) {
      scopes.put(w.id(), target.workspace(workspaceId, w.name()));
    }
    List<PortkeyPrompts.Prompt> prompts = new ArrayList<>();
    scopes.forEach((portkeyId, here) -> {
      String where = portkeyId == null ? "" : "workspaces[" + portkeyId + "].";
      new PortkeyVirtualKeys().read(portkey, portkeyId).forEach(k -> virtualKey(target, here, k, where));
      new PortkeyConfigs().read(portkey, portkeyId).forEach(c -> target.savedConfig(here, c.slug(),
          c.name(), c.body(), where + "configs[" + c.slug() + "]"));
      for (PortkeyPrompts.Prompt p : new PortkeyPrompts().read(portkey, portkeyId)) {
        prompts.add(p);
        target.report().unmapped(where + "prompts[" + p.slug() + "]", p.versions().size()
            + " versions read; not created: the prompt library is not in this build");
      }
    });
    return prompts;
  }

  private void virtualKey(ImportTarget target, String workspaceId, PortkeyVirtualKeys.VirtualKey k, String where) {
    String path = where + "virtual_keys[" + k.slug() + "]";
    Map<String, String> credentials = new LinkedHashMap<>();
    k.modelConfig().properties().forEach(e -> {
      String field = SETTINGS.get(e.getKey());
      if (field != null && e.getValue().isValueNode()) {
        credentials.put(field, e.getValue().asText());
      } else {
        target.report().unmapped(path + ".model_config." + e.getKey(), "no counterpart on a virtual key here");
      }
    });
    var secret = secrets.forSlug(k.slug());
    secret.ifPresent(credentials::putAll);
    target.virtualKey(workspaceId, new VirtualKeyService.Draft(k.slug(), k.name(), k.provider(), credentials, null,
        null), secret.isPresent(), path);
    if (!"active".equals(k.status())) {
      target.report().forAPerson("virtual key '" + k.slug() + "' is '" + k.status() + "' on Portkey");
    }
    limits(target, workspaceId, k, path);
  }

  private static void limits(ImportTarget target, String workspaceId, PortkeyVirtualKeys.VirtualKey k, String path) {
    JsonNode usage = k.usageLimits();
    if (usage.has("credit_limit")) {
      String reset = usage.path("periodic_reset").asText("");
      String per = reset.isEmpty() ? "none" : RESETS.get(reset);
      if (per == null) {
        target.report().unmapped(path + ".usage_limits.periodic_reset", "'" + reset
            + "' (expected: monthly, weekly or none)");
      } else {
        ObjectNode limit = JSON.createObjectNode().put("dollars", usage.path("credit_limit").asDouble())
            .put("per", per).put("scope", "workspace");
        target.rule(workspaceId, rule("portkey budget of virtual key " + k.slug(), k.slug(), limit), path);
      }
      if (usage.has("alert_threshold")) {
        target.report().unmapped(path + ".usage_limits.alert_threshold", "budget alerts are not imported");
      }
    }
    int i = 0;
    for (JsonNode rate : k.rateLimits()) {
      String per = RATE_UNITS.get(rate.path("unit").asText());
      String type = rate.path("type").asText();
      if (per == null || !(type.equals("requests") || type.equals("tokens"))) {
        target.report().unmapped(path + ".rate_limits[" + i + "]", rate + " (expected: requests or tokens per "
            + "rpm, rph or rpd)");
      } else {
        ObjectNode limit = JSON.createObjectNode().put(type, rate.path("value").asLong()).put("per", per)
            .put("scope", "workspace");
        target.rule(workspaceId, rule("portkey " + type + " per " + per + " of virtual key " + k.slug(),
            k.slug(), limit), path);
      }
      i++;
    }
  }

  private static ObjectNode rule(String name, String slug, ObjectNode limit) {
    ObjectNode rule = JSON.createObjectNode().put("name", name).put("action", "allow");
    rule.putObject("target").put("kind", "virtual_key").put("slug", slug);
    rule.set("limit", limit);
    return rule;
  }
}
