package dev.portcullis.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.cluster.Change;
import dev.portcullis.cluster.ChangeBus;
import dev.portcullis.error.GatewayException;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.observe.AuditEvent;
import dev.portcullis.observe.AuditTrail;
import dev.portcullis.store.Database;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Creates, versions and deletes policy rules and sets workspace defaults. Every rule is validated by the parser the
 * request path uses; every change is written with its audit entry in one transaction, put in force on this node at
 * once and announced so every other node reloads. Blocking: worker threads only.
 */
public final class PolicyService {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database database;
  private final AuditTrail audit;
  private final ChangeBus changes;
  private final Clock clock;
  private final Governance governance;
  private final PolicyRepository repository = new PolicyRepository();

  public PolicyService(Database database, AuditTrail audit, ChangeBus changes, Clock clock, Governance governance) {
    this.database = database;
    this.audit = audit;
    this.changes = changes;
    this.clock = clock;
    this.governance = governance;
  }

  /** A stored version as the engine runs it. */
  static PolicyRule parse(StoredRule stored) {
    try {
      return PolicyRuleParser.parse(JSON.readTree(stored.body()), stored.id(), stored.version(),
          stored.workspaceId(), stored.createdAt());
    } catch (IOException e) {
      throw new IllegalStateException("stored policy rule '" + stored.id() + "' is not JSON", e);
    }
  }

  public PolicyRule create(JsonNode body, String workspaceId, AuditActor actor) {
    Instant now = clock.instant();
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    PolicyRule rule = PolicyRuleParser.parse(body, "pol-" + HexFormat.of().formatHex(b), 1, workspaceId, now);
    database.inTransaction("create policy rule", c -> {
      repository.insert(c, stored(rule));
      audit.append(c, actor, event(rule, "create", null, rule), now);
      return null;
    });
    changed(rule);
    return rule;
  }

  /** A new version: the fields of {@code patch} replace the previous version's; a null clears an optional field. */
  public PolicyRule update(String id, JsonNode patch, String workspaceId, AuditActor actor) {
    if (patch == null || !patch.isObject()) {
      throw GatewayException.badRequest("body: not an object (expected: the rule fields to change)");
    }
    Instant now = clock.instant();
    PolicyRule next = database.inTransaction("update policy rule '" + id + "'", c -> {
      PolicyRule latest = inForce(repository.find(c, id, null), id, workspaceId);
      ObjectNode merged = PolicyRuleParser.toJson(latest);
      patch.properties().forEach(f -> merged.set(f.getKey(), f.getValue()));
      merged.remove("workspace_id");
      PolicyRule version = PolicyRuleParser.parse(merged, id, latest.version() + 1, workspaceId, now);
      repository.insert(c, stored(version));
      audit.append(c, actor, event(version, "update", latest, version), now);
      return version;
    });
    changed(next);
    return next;
  }

  /** Deletes a rule: a last version marks it deleted, so its history stays readable. */
  public void delete(String id, String workspaceId, AuditActor actor) {
    Instant now = clock.instant();
    PolicyRule gone = database.inTransaction("delete policy rule '" + id + "'", c -> {
      PolicyRule latest = inForce(repository.find(c, id, null), id, workspaceId);
      repository.insert(c, stored(latest).deleted(latest.version() + 1, now));
      audit.append(c, actor, event(latest, "delete", latest, null), now);
      return latest;
    });
    changed(gone);
  }

  /**
   * Stores a key's {@code budget} and {@code rate_limit} as rules of the key's workspace: allow rules for the key's
   * requests, at the lowest priority (so that the workspace's own rules are tried first), named after the key so
   * that refusals name it ({@code budget of $100.00 per month for key 'ci-bot' is spent}).
   *
   * @param ruleIdBase the stem of the rules' ids, one per key (e.g. {@code pol-key-<key id>})
   * @param subject how refusals name the key: {@code key 'ci-bot'}, {@code virtual key 'openai-prod'}
   * @param target the rules' target
   * @param conditions the rules' conditions, or null
   */
  public void keyLimits(String workspaceId, String ruleIdBase, String subject, JsonNode target, JsonNode conditions,
      KeyLimitForms forms, AuditActor actor) {
    keyLimit(workspaceId, ruleIdBase + "-budget", subject, target, conditions, forms.budget(), actor);
    keyLimit(workspaceId, ruleIdBase + "-rate", subject, target, conditions, forms.rateLimit(), actor);
  }

  private void keyLimit(String workspaceId, String id, String subject, JsonNode target, JsonNode conditions,
      JsonNode limit, AuditActor actor) {
    if (limit == null) {
      return;
    }
    Instant now = clock.instant();
    PolicyRule changed = database.inTransaction("set key limit '" + id + "'", c -> {
      Optional<StoredRule> latest = repository.find(c, id, null);
      PolicyRule before = latest.filter(s -> !s.deleted()).map(PolicyService::parse).orElse(null);
      int version = latest.map(s -> s.version() + 1).orElse(1);
      if (limit.isNull()) {
        if (before == null) {
          return null;
        }
        repository.insert(c, stored(before).deleted(version, now));
        audit.append(c, actor, event(before, "delete", before, null), now);
        return before;
      }
      ObjectNode body = JSON.createObjectNode().put("name", subject).put("priority", Integer.MIN_VALUE);
      body.set("target", target);
      body.set("conditions", conditions);
      body.put("action", "allow");
      body.set("limit", limit);
      PolicyRule rule = PolicyRuleParser.parse(body, id, version, workspaceId, now);
      repository.insert(c, stored(rule));
      audit.append(c, actor, event(rule, before == null ? "create" : "update", before, rule), now);
      return rule;
    });
    if (changed != null) {
      changed(changed);
    }
  }

  /** The newest version (or a given one) of a rule of {@code workspaceId}; a deleted rule is absent. */
  public Optional<PolicyRule> find(String id, Integer version, String workspaceId) {
    return database.read("read policy rule '" + id + "'", c -> {
      Optional<StoredRule> stored = repository.find(c, id, version);
      return stored.filter(s -> s.workspaceId().equals(workspaceId) && !s.deleted()).map(PolicyService::parse);
    });
  }

  public List<PolicyRule> versions(String id, String workspaceId) {
    return database.read("list versions of policy rule '" + id + "'", c -> {
      inForce(repository.find(c, id, null), id, workspaceId);
      return repository.versions(c, id).stream().filter(s -> !s.deleted()).map(PolicyService::parse).toList();
    });
  }

  /** The rules in force that belong to {@code workspaceId} itself, in evaluation order. */
  public List<PolicyRule> list(String workspaceId) {
    return governance.snapshot().rules(workspaceId).stream().filter(r -> r.workspaceId().equals(workspaceId))
        .toList();
  }

  /** The {@code policy_default} in force for {@code workspaceId}: its own, else its nearest ancestor's, else allow. */
  public RuleAction policyDefault(String workspaceId) {
    return governance.snapshot().policyDefault(workspaceId);
  }

  /** Sets the workspace's {@code policy_default}; audited and in force on every node. */
  public void setDefault(String workspaceId, RuleAction value, AuditActor actor) {
    if (value == RuleAction.ALERT) {
      throw GatewayException.badRequest("policy_default: 'alert' (expected: allow or deny)", "policy_default");
    }
    Instant now = clock.instant();
    RuleAction before = governance.snapshot().ownDefault(workspaceId);
    database.inTransaction("set policy_default of workspace '" + workspaceId + "'", c -> {
      repository.setDefault(c, workspaceId, value, now);
      audit.append(c, actor, new AuditEvent(workspaceId, "workspace.policy_default", "workspace", workspaceId,
          before == null ? null : JSON.createObjectNode().put("policy_default", before.wireName()),
          JSON.createObjectNode().put("policy_default", value.wireName())), now);
      return null;
    });
    governance.reload();
    changes.publish(Change.policy(workspaceId, null));
  }

  private void changed(PolicyRule rule) {
    governance.reload();
    changes.publish(Change.policy(rule.workspaceId(), rule.id()));
  }

  private static PolicyRule inForce(Optional<StoredRule> stored, String id, String workspaceId) {
    return stored.filter(s -> s.workspaceId().equals(workspaceId) && !s.deleted()).map(PolicyService::parse)
        .orElseThrow(() -> GatewayException.notFound("policy rule '" + id + "' does not exist"));
  }

  private static StoredRule stored(PolicyRule rule) {
    return new StoredRule(rule.id(), rule.version(), rule.workspaceId(),
        PolicyRuleParser.toJson(rule).toString(), false, rule.createdAt());
  }

  private static AuditEvent event(PolicyRule subject, String verb, PolicyRule before, PolicyRule after) {
    return new AuditEvent(subject.workspaceId(), "policy." + verb, "policy", subject.id(), describe(before),
        describe(after));
  }

  private static JsonNode describe(PolicyRule r) {
    return r == null ? null : PolicyRuleParser.toJson(r).put("version", r.version());
  }
}
