package dev.portcullis.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.observe.AuditEvent;
import dev.portcullis.observe.AuditTrail;
import dev.portcullis.store.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The prompt library of every workspace: creates prompts, stores each change as a new immutable version, sets labels,
 * and finds the version a call renders. Every change is written with its audit entry in one transaction. Prompts are
 * read from the store on each use, so a change applies to the next call on every node. Blocking: worker threads only.
 */
public final class PromptService {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final Database database;
  private final AuditTrail audit;
  private final Clock clock;
  private final PromptRepository repository = new PromptRepository();

  public PromptService(Database database, AuditTrail audit, Clock clock) {
    this.database = database;
    this.audit = audit;
    this.clock = clock;
  }

  /** Creates a prompt at version 1; its slug must be free in the workspace. */
  public Prompt create(String workspaceId, String slug, String name, PromptDefinition definition, AuditActor actor) {
    if (slug == null || !SLUG.matcher(slug).matches()) {
      throw GatewayException.badRequest("slug: " + (slug == null ? "missing" : "'" + slug + "'") + " (expected: 1..128"
          + " of the characters A-Z a-z 0-9 . _ -, starting with a letter or digit)", "slug");
    }
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    Instant now = clock.instant();
    Prompt prompt = new Prompt("pp-" + HexFormat.of().formatHex(b), workspaceId, slug,
        name == null || name.isBlank() ? slug : name, 1, definition, now);
    return database.inTransaction("create prompt '" + slug + "'", c -> {
      Optional<Prompt> taken = repository.find(c, workspaceId, slug, null);
      if (taken.isPresent()) {
        throw GatewayException.conflict("slug: '" + slug + "' is already prompt " + taken.get().id()
            + " of workspace '" + workspaceId + "' (expected: a slug not in use; change that prompt with PATCH "
            + "/admin/v1/prompts/" + taken.get().id() + ")");
      }
      repository.insert(c, prompt);
      audit.append(c, actor, event(prompt, "create", null, describe(prompt)), now);
      return prompt;
    });
  }

  /**
   * Stores a new version: the newest one with the fields of {@code changes} (of {@link PromptDefinition#FIELDS})
   * replaced, and a new name when one is given. Earlier versions stay as they were.
   */
  public Prompt update(String idOrSlug, String workspaceId, String name, JsonNode changes, AuditActor actor) {
    Instant now = clock.instant();
    return database.inTransaction("update prompt '" + idOrSlug + "'", c -> {
      Prompt latest = repository.find(c, workspaceId, idOrSlug, null).orElseThrow(() -> notFound(idOrSlug));
      Prompt next = new Prompt(latest.id(), workspaceId, latest.slug(), name == null ? latest.name() : name,
          latest.version() + 1, latest.definition().patched(changes), now);
      repository.insert(c, next);
      audit.append(c, actor, event(next, "update", describe(latest), describe(next)), now);
      return next;
    });
  }

  /** A prompt of the workspace by id or slug: its newest version, or the given one. */
  public Optional<Prompt> find(String idOrSlug, Integer version, String workspaceId) {
    return database.read("read prompt '" + idOrSlug + "'", c -> repository.find(c, workspaceId, idOrSlug, version));
  }

  /** The newest version of every prompt of the workspace, by slug. */
  public List<Prompt> list(String workspaceId) {
    return database.read("list prompts", c -> repository.listLatest(c, workspaceId));
  }

  /** Every version of a prompt, oldest first. */
  public List<Prompt> versions(String idOrSlug, String workspaceId) {
    return database.read("list versions of prompt '" + idOrSlug + "'", c -> repository.versions(c,
        repository.find(c, workspaceId, idOrSlug, null).orElseThrow(() -> notFound(idOrSlug)).id()));
  }

  /** The labels of a prompt, by name. */
  public List<PromptLabel> labels(String idOrSlug, String workspaceId) {
    return database.read("list labels of prompt '" + idOrSlug + "'", c -> repository.labels(c,
        repository.find(c, workspaceId, idOrSlug, null).orElseThrow(() -> notFound(idOrSlug)).id()));
  }

  /** Points a label at one version, or splits it across versions by weight; every version must exist. */
  public PromptLabel label(String idOrSlug, String workspaceId, String label, List<PromptLabel.WeightedVersion> versions,
      AuditActor actor) {
    if (!LABEL.matcher(label).matches()) {
      throw GatewayException.badRequest("label: '" + label + "' (expected: 1..64 of the characters A-Z a-z 0-9 . _ -)",
          "label");
    }
    Instant now = clock.instant();
    return database.inTransaction("label prompt '" + idOrSlug + "'", c -> {
      Prompt latest = repository.find(c, workspaceId, idOrSlug, null).orElseThrow(() -> notFound(idOrSlug));
      PromptLabel next = new PromptLabel(latest.id(), label, versions, now);
      for (PromptLabel.WeightedVersion v : versions) {
        if (v.version() < 1 || v.version() > latest.version()) {
          throw GatewayException.badRequest("versions: version " + v.version() + " of prompt '" + latest.slug()
              + "' does not exist (expected: 1.." + latest.version() + ")", "versions");
        }
      }
      PromptLabel before = repository.labels(c, latest.id()).stream().filter(l -> l.label().equals(label))
          .findFirst().orElse(null);
      repository.putLabel(c, next);
      audit.append(c, actor, new AuditEvent(workspaceId, "prompt.label", "prompt", latest.id(), describe(before),
          describe(next)), now);
      return next;
    });
  }

  public void delete(String idOrSlug, String workspaceId, AuditActor actor) {
    Instant now = clock.instant();
    database.inTransaction("delete prompt '" + idOrSlug + "'", c -> {
      Prompt latest = repository.find(c, workspaceId, idOrSlug, null).orElseThrow(() -> notFound(idOrSlug));
      repository.delete(c, latest.id());
      audit.append(c, actor, event(latest, "delete", describe(latest), null), now);
      return null;
    });
  }

  /**
   * The version a call renders: the one it names, else the one its label (by default {@code production}, when the
   * prompt has it) draws with {@code random}, else the newest.
   *
   * @throws GatewayException.NotFound naming the prompt, version or label that does not exist
   */
  public ResolvedPrompt resolve(PromptRef ref, String workspaceId, RandomGenerator random) {
    return database.read("resolve prompt '" + ref + "'", c -> {
      Prompt latest = repository.find(c, workspaceId, ref.prompt(), null).orElseThrow(() -> notFound(ref.prompt()));
      if (ref.version() != null) {
        return new ResolvedPrompt(repository.find(c, workspaceId, latest.id(), ref.version())
            .orElseThrow(() -> GatewayException.notFound("prompt '" + ref + "': version " + ref.version()
                + " does not exist (expected: 1.." + latest.version() + ")")), null);
      }
      String name = ref.label() == null ? PromptRef.DEFAULT_LABEL : ref.label();
      List<PromptLabel> labels = repository.labels(c, latest.id());
      Optional<PromptLabel> label = labels.stream().filter(l -> l.label().equals(name)).findFirst();
      if (label.isEmpty()) {
        if (ref.label() != null) {
          throw GatewayException.notFound("prompt '" + ref + "': label '" + name + "' does not exist (expected: "
              + (labels.isEmpty() ? "a label set with PUT /admin/v1/prompts/" + latest.id() + "/labels/" + name
                  : "one of " + labels.stream().map(PromptLabel::label).collect(Collectors.joining(", "))) + ")");
        }
        return new ResolvedPrompt(latest, null);
      }
      int version = label.get().pick(random);
      return new ResolvedPrompt(repository.find(c, workspaceId, latest.id(), version).orElseThrow(), name);
    });
  }

  /**
   * The template of a prompt used as a partial: the version its {@code production} label gives most of the traffic,
   * else its newest; empty when the workspace has no prompt of that slug.
   */
  public Optional<PromptTemplate> partial(String slug, String workspaceId) {
    return database.read("read partial '" + slug + "'", c -> {
      Optional<Prompt> latest = repository.find(c, workspaceId, slug, null);
      if (latest.isEmpty()) {
        return Optional.empty();
      }
      Optional<PromptLabel> production = repository.labels(c, latest.get().id()).stream()
          .filter(l -> l.label().equals(PromptRef.DEFAULT_LABEL)).findFirst();
      if (production.isEmpty()) {
        return Optional.of(latest.get().definition().template());
      }
      return repository.find(c, workspaceId, latest.get().id(), production.get().main())
          .map(p -> p.definition().template());
    });
  }

  static GatewayException notFound(String idOrSlug) {
    return GatewayException.notFound("prompt '" + idOrSlug + "' does not exist (expected: the id or slug of a prompt "
        + "of this workspace, see GET /admin/v1/prompts)");
  }

  private static AuditEvent event(Prompt subject, String verb, JsonNode before, JsonNode after) {
    return new AuditEvent(subject.workspaceId(), "prompt." + verb, "prompt", subject.id(), before, after);
  }

  private static JsonNode describe(Prompt p) {
    ObjectNode out = PromptDefinition.JSON.createObjectNode().put("slug", p.slug()).put("name", p.name())
        .put("version", p.version());
    out.setAll(p.definition().toJson());
    return out;
  }

  private static JsonNode describe(PromptLabel label) {
    if (label == null) {
      return null;
    }
    ObjectNode out = PromptDefinition.JSON.createObjectNode().put("label", label.label());
    ArrayNode versions = out.putArray("versions");
    label.versions().forEach(v -> versions.addObject().put("version", v.version()).put("weight", v.weight()));
    return out;
  }
}
