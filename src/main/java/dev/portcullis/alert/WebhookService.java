package dev.portcullis.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.Vault;
import dev.portcullis.net.HostPolicy;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.observe.AuditEvent;
import dev.portcullis.observe.AuditTrail;
import dev.portcullis.store.Database;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Creates, changes and deletes alert webhooks. A URL must pass the rule every caller-named host passes (no
 * loopback, private, link-local or metadata address unless trusted); the secret is sealed by the vault and never
 * read back out but to sign. Every change is audited in its transaction. Blocking: worker threads only.
 */
public final class WebhookService {

  /** The shortest secret accepted: a signature is only as strong as its key. */
  static final int MIN_SECRET_LENGTH = 16;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database database;
  private final Vault vault;
  private final HostPolicy hosts;
  private final AuditTrail audit;
  private final Clock clock;
  private final WebhookRepository repository = new WebhookRepository();

  public WebhookService(Database database, Vault vault, HostPolicy hosts, AuditTrail audit, Clock clock) {
    this.database = database;
    this.vault = vault;
    this.hosts = hosts;
    this.audit = audit;
    this.clock = clock;
  }

  public Webhook create(String workspaceId, WebhookDraft draft, AuditActor actor) {
    if (draft.secret() == null) {
      throw GatewayException.badRequest("secret: missing (expected: a string of at least " + MIN_SECRET_LENGTH
          + " characters, the key receivers verify signatures with)", "secret");
    }
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    Instant now = clock.instant();
    Webhook webhook = new Webhook("whk-" + HexFormat.of().formatHex(b), workspaceId, url(draft.url()),
        draft.events() == null ? WebhookEvents.ALL : WebhookEvents.parse(draft.events()), format(draft.format()), now);
    WebhookRepository.Row row = sealed(webhook, secret(draft.secret()));
    database.inTransaction("create webhook", c -> {
      repository.insert(c, row);
      audit.append(c, actor, new AuditEvent(workspaceId, "webhook.create", "webhook", webhook.id(), null,
          describe(webhook)), now);
      return null;
    });
    return webhook;
  }

  public List<Webhook> list(List<String> workspaceIds) {
    return database.read("list webhooks", c -> repository.list(c, workspaceIds));
  }

  public Webhook find(String id, List<String> workspaceIds) {
    return database.read("read webhook '" + id + "'", c -> inReach(c, id, workspaceIds).webhook());
  }

  public Webhook update(String id, List<String> workspaceIds, WebhookDraft draft, AuditActor actor) {
    Instant now = clock.instant();
    URI url = draft.url() == null ? null : url(draft.url());
    WebhookEvents events = draft.events() == null ? null : WebhookEvents.parse(draft.events());
    WebhookFormat format = draft.format() == null ? null : format(draft.format());
    String secret = draft.secret() == null ? null : secret(draft.secret());
    return database.inTransaction("update webhook '" + id + "'", c -> {
      WebhookRepository.Row before = inReach(c, id, workspaceIds);
      Webhook b = before.webhook();
      Webhook after = new Webhook(id, b.workspaceId(), url == null ? b.url() : url, events == null ? b.events() : events,
          format == null ? b.format() : format, b.createdAt());
      repository.update(c, secret == null ? new WebhookRepository.Row(after, before.secretCiphertext(),
          before.vaultKeyId()) : sealed(after, secret));
      ObjectNode changed = describe(after).put("secret_changed", secret != null);
      audit.append(c, actor, new AuditEvent(b.workspaceId(), "webhook.update", "webhook", id, describe(b), changed),
          now);
      return after;
    });
  }

  public void delete(String id, List<String> workspaceIds, AuditActor actor) {
    Instant now = clock.instant();
    database.inTransaction("delete webhook '" + id + "'", c -> {
      Webhook before = inReach(c, id, workspaceIds).webhook();
      repository.delete(c, id, now);
      audit.append(c, actor, new AuditEvent(before.workspaceId(), "webhook.delete", "webhook", id, describe(before),
          null), now);
      return null;
    });
  }

  private WebhookRepository.Row inReach(java.sql.Connection c, String id, List<String> workspaceIds)
      throws java.sql.SQLException {
    return repository.find(c, id).filter(r -> workspaceIds.contains(r.webhook().workspaceId()))
        .orElseThrow(() -> GatewayException.notFound("webhook '" + id + "' does not exist"));
  }

  private WebhookRepository.Row sealed(Webhook w, String secret) {
    return new WebhookRepository.Row(w, vault.encrypt(secret, secretBinding(w.id())), vault.keyId());
  }

  /** What a webhook's sealed secret is bound to, so it cannot be moved onto another row. */
  static String secretBinding(String webhookId) {
    return "webhook:" + webhookId;
  }

  /** The URL, refused with a 400 naming it unless it is http(s) to a host the internal-address rule admits. */
  private URI url(String text) {
    if (text == null) {
      throw GatewayException.badRequest("url: missing (expected: an http or https URL)", "url");
    }
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      throw GatewayException.badRequest("url: '" + text + "' is not a URL (expected: an http or https URL)", "url");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw GatewayException.badRequest("url: '" + text + "' (expected: an http or https URL with a host)", "url");
    }
    hosts.check(url, "url");
    return url;
  }

  private static WebhookFormat format(String text) {
    if (text == null) {
      return WebhookFormat.JSON;
    }
    WebhookFormat f = WebhookFormat.parse(text);
    if (f == null) {
      throw GatewayException.badRequest("format: '" + text + "' (expected: json or slack)", "format");
    }
    return f;
  }

  private static String secret(String secret) {
    if (secret.length() < MIN_SECRET_LENGTH) {
      throw GatewayException.badRequest("secret: " + secret.length() + " characters (expected: at least "
          + MIN_SECRET_LENGTH + ")", "secret");
    }
    return secret;
  }

  /** A webhook as the audit trail and the API show it: never its secret. */
  public static ObjectNode describe(Webhook w) {
    ObjectNode json = JSON.createObjectNode();
    json.put("id", w.id());
    json.put("object", "webhook");
    json.put("workspace_id", w.workspaceId());
    json.put("url", w.url().toString());
    w.events().patterns().forEach(json.putArray("events")::add);
    json.put("format", w.format().wireName());
    json.put("created_at", w.createdAt().toString());
    return json;
  }
}
