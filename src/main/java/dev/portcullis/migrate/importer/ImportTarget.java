package dev.portcullis.migrate.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.CredentialFields;
import dev.portcullis.keys.Reach;
import dev.portcullis.keys.Tenancy;
import dev.portcullis.keys.VirtualKey;
import dev.portcullis.keys.VirtualKeyService;
import dev.portcullis.keys.Workspace;
import dev.portcullis.keys.WorkspaceLimits;
import dev.portcullis.keys.WorkspaceService;
import dev.portcullis.migrate.importer.ImportReport.Verb;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.policy.PolicyRule;
import dev.portcullis.policy.PolicyRuleParser;
import dev.portcullis.policy.PolicyService;
import dev.portcullis.provider.CredentialField;
import dev.portcullis.routing.config.RoutingConfigParser;
import dev.portcullis.routing.config.TargetNode;
import dev.portcullis.routing.saved.SavedConfig;
import dev.portcullis.routing.saved.SavedConfigService;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where an import writes: workspaces, virtual keys, saved configs and policy rules, through the same services as the
 * admin API (so every change is validated and audited, by the CLI's actor). Each object is found first, so a second
 * import updates or leaves it, never duplicates it. In a dry run nothing is written and the report says what would be.
 */
public final class ImportTarget {

  /** What a virtual key created without its secret holds until a person rotates it in. */
  static final String MISSING_SECRET = "missing-secret-imported-disabled";

  private final Tenancy tenancy;
  private final SavedConfigService configs;
  private final PolicyService policies;
  private final AuditActor actor;
  private final ImportReport report;
  private final Set<String> plannedWorkspaces = new HashSet<>();
  private final Map<String, Set<String>> plannedSlugs = new HashMap<>();

  public ImportTarget(Tenancy tenancy, SavedConfigService configs, PolicyService policies, AuditActor actor,
      ImportReport report) {
    this.tenancy = tenancy;
    this.configs = configs;
    this.policies = policies;
    this.actor = actor;
    this.report = report;
  }

  public ImportReport report() {
    return report;
  }

  /** The id of the child of {@code parentId} named {@code name}, created when there is none. */
  String workspace(String parentId, String name) {
    if (!plannedWorkspaces.contains(parentId)) {
      Optional<Workspace> found = tenancy.workspaces().list(Reach.everything(), parentId).stream()
          .filter(w -> parentId.equals(w.parentId()) && w.name().equals(name)).findFirst();
      if (found.isPresent()) {
        report.action(Verb.UNCHANGED, "workspace '" + name + "' (" + found.get().id() + ")");
        return found.get().id();
      }
    }
    if (report.dryRun()) {
      String planned = "new workspace '" + name + "'";
      plannedWorkspaces.add(planned);
      report.action(Verb.CREATED, "workspace '" + name + "' under '" + parentId + "'");
      return planned;
    }
    Workspace created = tenancy.workspaces().create(Reach.everything(), actor,
        new WorkspaceService.Draft(parentId, name, new WorkspaceLimits(null, null, null), Map.of()));
    report.action(Verb.CREATED, "workspace '" + name + "' (" + created.id() + ")");
    return created.id();
  }

  /**
   * A virtual key. Without its secret it is created disabled, holding a placeholder, and listed for a person; an
   * existing disabled key whose secret is now given gets it and is enabled; any other existing key is left as it is.
   *
   * @param source where the key was read, for the report
   */
  void virtualKey(String workspaceId, VirtualKeyService.Draft draft, boolean secretKnown, String source) {
    String what = "virtual key '" + draft.slug() + "' (" + draft.provider() + ") in workspace '" + workspaceId + "'";
    try {
      Optional<VirtualKey> existing = plannedWorkspaces.contains(workspaceId) ? Optional.empty()
          : tenancy.virtualKeys().list(Reach.everything(), workspaceId).stream()
              .filter(k -> k.slug().equals(draft.slug())).findFirst();
      if (existing.isPresent()) {
        if (!existing.get().enabled() && secretKnown) {
          if (!report.dryRun()) {
            tenancy.virtualKeys().rotate(Reach.everything(), actor, workspaceId, draft.slug(), draft.credentials());
            tenancy.virtualKeys().update(Reach.everything(), actor, workspaceId, draft.slug(),
                new VirtualKeyService.Patch(null, null, null, true));
          }
          report.action(Verb.UPDATED, what + ": secret filled in, enabled");
        } else {
          report.action(Verb.UNCHANGED, what);
        }
        return;
      }
      plannedSlugs.computeIfAbsent(workspaceId, w -> new HashSet<>()).add(draft.slug());
      if (secretKnown) {
        if (!report.dryRun()) {
          tenancy.virtualKeys().create(Reach.everything(), actor, workspaceId, draft);
        }
        report.action(Verb.CREATED, what);
        return;
      }
      if (!report.dryRun()) {
        tenancy.virtualKeys().create(Reach.everything(), actor, workspaceId, withPlaceholders(draft));
        tenancy.virtualKeys().update(Reach.everything(), actor, workspaceId, draft.slug(),
            new VirtualKeyService.Patch(null, null, null, false));
      }
      report.action(Verb.CREATED_DISABLED, what);
      report.forAPerson("virtual key '" + draft.slug() + "' in workspace '" + workspaceId + "' has no secret: "
          + "give it with `portcullis virtual-keys rotate " + draft.slug() + " --workspace " + workspaceId
          + " ...` and `portcullis virtual-keys enable " + draft.slug() + "` (or import again with its secret)");
    } catch (GatewayException e) {
      report.unmapped(source, what + " not created: " + e.getMessage());
    }
  }

  private static VirtualKeyService.Draft withPlaceholders(VirtualKeyService.Draft draft) {
    Map<String, String> credentials = new LinkedHashMap<>(draft.credentials());
    for (CredentialField f : CredentialFields.of(draft.provider())) {
      if (f.secret() && f.required() && !credentials.containsKey(f.name())) {
        credentials.put(f.name(), MISSING_SECRET);
      }
    }
    return new VirtualKeyService.Draft(draft.slug(), draft.name(), draft.provider(), credentials, draft.baseUrl(),
        draft.models());
  }

  /**
   * A saved config, validated by the gateway's parser, under {@code preferredId} when that id is free (else a new
   * one); an existing config with that id in the workspace gets a new version when its body differs.
   *
   * @return the config's id here
   */
  String savedConfig(String workspaceId, String preferredId, String name, String body, String source) {
    try {
      RoutingConfigParser.parse(body);
    } catch (GatewayException e) {
      report.unmapped(source, "config '" + preferredId + "' is not valid here: " + e.getMessage());
      return null;
    }
    String id = preferredId;
    Optional<SavedConfig> existing = plannedWorkspaces.contains(workspaceId) ? Optional.empty()
        : configs.find(preferredId, null, workspaceId);
    if (existing.isPresent()) {
      if (existing.get().body().equals(body)) {
        report.action(Verb.UNCHANGED, "config '" + id + "'");
      } else {
        if (!report.dryRun()) {
          configs.update(id, name, body, workspaceId, actor);
        }
        report.action(Verb.UPDATED, "config '" + id + "' (new version)");
      }
    } else if (report.dryRun()) {
      report.action(Verb.CREATED, "config '" + id + "' in workspace '" + workspaceId + "'");
    } else {
      try {
        configs.create(preferredId, name, body, workspaceId, actor);
      } catch (GatewayException.Conflict taken) {
        id = configs.create(name, body, workspaceId, actor).id();
        report.forAPerson("config '" + preferredId + "' is now '" + id + "' (its id is taken by another workspace): "
            + "change the code that names it");
      }
      report.action(Verb.CREATED, "config '" + id + "' in workspace '" + workspaceId + "'");
    }
    missingVirtualKeys(workspaceId, id, body);
    return id;
  }

  private void missingVirtualKeys(String workspaceId, String id, String body) {
    Set<String> slugs = new HashSet<>(plannedSlugs.getOrDefault(workspaceId, Set.of()));
    if (!plannedWorkspaces.contains(workspaceId)) {
      tenancy.virtualKeys().list(Reach.everything(), workspaceId).forEach(k -> slugs.add(k.slug()));
    }
    for (TargetNode t : RoutingConfigParser.parse(body).targets()) {
      if (t.virtualKey() != null && !slugs.contains(t.virtualKey())) {
        report.forAPerson("config '" + id + "': " + t.path() + ": virtual key '" + t.virtualKey()
            + "' does not exist in workspace '" + workspaceId + "'");
      }
    }
  }

  /** A policy rule found by its name: created, updated when a field differs, else left. */
  void rule(String workspaceId, ObjectNode body, String source) {
    String name = body.path("name").asText();
    try {
      Optional<PolicyRule> existing = plannedWorkspaces.contains(workspaceId) ? Optional.empty()
          : policies.list(workspaceId).stream().filter(r -> r.name().equals(name)).findFirst();
      if (existing.isPresent()) {
        ObjectNode now = PolicyRuleParser.toJson(existing.get());
        ObjectNode wanted = PolicyRuleParser.toJson(PolicyRuleParser.parse(body, existing.get().id(), 1,
            workspaceId, Instant.EPOCH));
        boolean same = now.equals(wanted);
        if (same) {
          report.action(Verb.UNCHANGED, "policy rule '" + name + "'");
        } else {
          if (!report.dryRun()) {
            policies.update(existing.get().id(), body, workspaceId, actor);
          }
          report.action(Verb.UPDATED, "policy rule '" + name + "'");
        }
        return;
      }
      PolicyRuleParser.parse(body, "pol-planned", 1, workspaceId, Instant.EPOCH);
      if (!report.dryRun()) {
        policies.create(body, workspaceId, actor);
      }
      report.action(Verb.CREATED, "policy rule '" + name + "' in workspace '" + workspaceId + "'");
    } catch (GatewayException e) {
      report.unmapped(source, "policy rule '" + name + "' not created: " + e.getMessage());
    }
  }

}
