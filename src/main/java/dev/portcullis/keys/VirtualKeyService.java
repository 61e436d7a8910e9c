package dev.portcullis.keys;

import dev.portcullis.cluster.Change;
import dev.portcullis.error.GatewayException;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.observe.AuditEvent;
import dev.portcullis.net.HostPolicy;
import dev.portcullis.provider.BaseUrl;
import java.net.URI;
import dev.portcullis.provider.ProviderTable;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Creates, lists, edits, rotates and deletes virtual keys, sealing credentials with the {@link Vault}; each change
 * audited with secrets masked. The CLI and the admin API both use it. Blocking: call from worker threads.
 */
public final class VirtualKeyService {

  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String FIELDS_BINDING = "#fields";

  private final TenancyStore store;
  private final Vault vault;
  private final HostPolicy hosts;

  VirtualKeyService(TenancyStore store, Vault vault, HostPolicy hosts) {
    this.store = store;
    this.vault = vault;
    this.hosts = hosts;
  }

  /**
   * What a caller asks for; slug, name, base URL and models are optional.
   *
   * @param credentials the provider's credential fields by name ({@code api_key}, {@code resource_name}, ...)
   */
  public record Draft(String slug, String name, String provider, Map<String, String> credentials, String baseUrl,
      List<String> models) {
    @Override
    public String toString() {
      return "Draft[slug=" + slug + ", provider=" + provider + ", credentials=" + credentials.keySet() + ", baseUrl="
          + baseUrl + "]";
    }
  }

  /**
   * Edits that keep the credential; a null field stays as it is.
   *
   * @param baseUrl Optional.empty() returns to the provider's default
   */
  public record Patch(String name, Optional<String> baseUrl, List<String> models, Boolean enabled) {}

  public VirtualKey create(Reach reach, AuditActor actor, String workspaceId, Draft draft) {
    String provider = CredentialFields.canonicalProvider(draft.provider()).orElseThrow(() ->
        GatewayException.badRequest("provider: '" + draft.provider() + "' (expected one of: "
            + CredentialFields.providerChoices() + ")", "provider"));
    String slug = draft.slug() == null ? provider + "-" + HexFormat.of().formatHex(randomBytes()) : draft.slug();
    if (!SLUG.matcher(slug).matches()) {
      throw GatewayException.badRequest("slug: '" + slug
          + "' (expected: 1..63 lowercase letters, digits and dashes, starting with a letter or digit)", "slug");
    }
    Map<String, String> credentials = draft.credentials() == null ? Map.of() : draft.credentials();
    CredentialFields.check(provider, credentials);
    boolean hasDefaultBase = ProviderTable.find(provider).map(s -> s.baseUrl() != null)
        .orElse(true);
    if (!hasDefaultBase && draft.baseUrl() == null) {
      throw GatewayException.badRequest("base_url: missing (expected: the provider's base URL, e.g. "
          + "http://host:8000/v1, since provider '" + provider + "' has no default)", "base_url");
    }
    checkBaseUrl(draft.baseUrl());
    List<String> models = draft.models() == null ? List.of() : draft.models();
    return store.change("create virtual key '" + slug + "'", actor, (c, now) -> {
      Workspace w = reach.require(c, workspaceId);
      store.workspaces.lock(c, w.id());
      if (store.virtualKeys.find(c, w.id(), slug).isPresent()) {
        throw GatewayException.conflict("virtual key '" + slug + "' already exists (expected: a new slug)");
      }
      Integer max = w.limits().maxVirtualKeys();
      if (max != null && store.virtualKeys.count(c, w.id()) >= max) {
        throw GatewayException.forbidden("workspace '" + w.id() + "' already holds its limit of " + max
            + " virtual keys (expected: delete one, or ask the parent workspace's admin to raise max_virtual_keys)");
      }
      VirtualKey key = new VirtualKey(UUID.randomUUID().toString(), w.id(), slug,
          draft.name() == null ? slug : draft.name(), provider, draft.baseUrl(), models, now, true,
          CredentialFields.settings(provider, credentials), null);
      store.virtualKeys.insert(c, sealed(key, credentials));
      return TenancyStore.Outcome.of(key, event(key, "create", null, key), Change.virtualKey(w.id(), slug));
    });
  }

  public List<VirtualKey> list(Reach reach, String workspaceId) {
    return store.read("list virtual keys", c -> store.virtualKeys.list(c, reach.require(c, workspaceId).id())
        .stream().map(VirtualKeyRepository.Row::key).toList());
  }

  public VirtualKey find(Reach reach, String workspaceId, String slug) {
    return store.read("read virtual key '" + slug + "'", c -> inReach(c, reach, workspaceId, slug).key());
  }

  public VirtualKey update(Reach reach, AuditActor actor, String workspaceId, String slug, Patch patch) {
    if (patch.baseUrl() != null) {
      checkBaseUrl(patch.baseUrl().orElse(null));
    }
    return store.change("update virtual key '" + slug + "'", actor, (c, now) -> {
      VirtualKey before = inReach(c, reach, workspaceId, slug).key();
      VirtualKey after = before.edited(
          patch.name() != null ? patch.name() : before.name(),
          patch.baseUrl() != null ? patch.baseUrl().orElse(null) : before.baseUrl(),
          patch.models() != null ? patch.models() : before.models(),
          patch.enabled() != null ? patch.enabled() : before.enabled());
      store.virtualKeys.update(c, after);
      return TenancyStore.Outcome.of(after, event(after, "update", before, after),
          Change.virtualKey(after.workspaceId(), slug));
    });
  }

  /** Replaces the credential (every field of the provider, as at creation); the slug, id and allowlist stay. */
  public VirtualKey rotate(Reach reach, AuditActor actor, String workspaceId, String slug,
      Map<String, String> credentials) {
    return store.change("rotate virtual key '" + slug + "'", actor, (c, now) -> {
      VirtualKey before = inReach(c, reach, workspaceId, slug).key();
      CredentialFields.check(before.provider(), credentials);
      VirtualKey after = before.rotated(CredentialFields.settings(before.provider(), credentials), now);
      store.virtualKeys.replaceCredential(c, sealed(after, credentials));
      return TenancyStore.Outcome.of(after, event(after, "rotate", before, after),
          Change.virtualKey(after.workspaceId(), slug));
    });
  }

  public VirtualKey delete(Reach reach, AuditActor actor, String workspaceId, String slug) {
    return store.change("delete virtual key '" + slug + "'", actor, (c, now) -> {
      VirtualKey before = inReach(c, reach, workspaceId, slug).key();
      store.virtualKeys.delete(c, before.id());
      return TenancyStore.Outcome.of(before, event(before, "delete", before, null),
          Change.virtualKey(before.workspaceId(), slug));
    });
  }

  /** Reads and decrypts one key of a workspace, for the request path's cache. */
  Optional<ResolvedVirtualKey> resolve(String workspaceId, String slug) {
    return store.read("read virtual key '" + slug + "'", c -> store.virtualKeys.find(c, workspaceId, slug))
        .map(this::opened);
  }

  ResolvedVirtualKey opened(VirtualKeyRepository.Row row) {
    String slug = row.key().slug();
    String credential = vault.decrypt(row.ciphertext(), slug, row.vaultKeyId());
    Map<String, String> fields = row.fieldsCiphertext() == null ? Map.of()
        : StoredJson.map(vault.decrypt(row.fieldsCiphertext(), slug + FIELDS_BINDING, row.vaultKeyId()));
    return new ResolvedVirtualKey(row.key(), credential, fields);
  }

  /** Seals a key's secrets under the vault's current master key. */
  VirtualKeyRepository.Row sealed(VirtualKey key, Map<String, String> credentials) {
    Map<String, String> secrets = new LinkedHashMap<>(CredentialFields.secrets(key.provider(), credentials));
    String apiKey = secrets.remove(CredentialFields.API_KEY);
    String fields = secrets.isEmpty() ? null : vault.encrypt(StoredJson.write(secrets), key.slug() + FIELDS_BINDING);
    return new VirtualKeyRepository.Row(key, vault.encrypt(apiKey == null ? "" : apiKey, key.slug()), fields,
        vault.keyId());
  }

  private VirtualKeyRepository.Row inReach(Connection c, Reach reach, String workspaceId, String slug)
      throws SQLException {
    if (!reach.covers(c, workspaceId)) {
      throw Reach.notFound("virtual key", slug);
    }
    return store.virtualKeys.find(c, workspaceId, slug).orElseThrow(() -> Reach.notFound("virtual key", slug));
  }

  private static AuditEvent event(VirtualKey key, String verb, VirtualKey before, VirtualKey after) {
    return new AuditEvent(key.workspaceId(), "virtual_key." + verb, "virtual_key", key.id(),
        before == null ? null : TenancyViews.of(before), after == null ? null : TenancyViews.of(after));
  }

  /** A base URL must parse, and its host pass the same rule as a custom host: refused here, not at the first call. */
  private void checkBaseUrl(String baseUrl) {
    if (baseUrl == null) {
      return;
    }
    URI url = BaseUrl.parse(baseUrl).orElseThrow(() -> GatewayException.badRequest("base_url: '" + baseUrl
        + "' (expected: an http or https URL)", "base_url"));
    hosts.check(url, "base_url");
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[4];
    RANDOM.nextBytes(b);
    return b;
  }
}
