package dev.portcullis.keys;

import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.BaseUrl;
import dev.portcullis.provider.ProviderSpec;
import dev.portcullis.provider.ProviderTable;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Creates, lists and deletes virtual keys; seals credentials with the {@link Vault}. The CLI and the admin API both
 * use it. Blocking: call from worker threads.
 */
public final class VirtualKeyService {

  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final VirtualKeyRepository repository;
  private final Vault vault;
  private final Clock clock;

  public VirtualKeyService(VirtualKeyRepository repository, Vault vault, Clock clock) {
    this.repository = repository;
    this.vault = vault;
    this.clock = clock;
  }

  /** What a caller asks for; slug, name, base URL and models are optional. */
  public record Draft(String slug, String name, String provider, String apiKey, String baseUrl, List<String> models) {
    @Override
    public String toString() {
      return "Draft[slug=" + slug + ", provider=" + provider + ", apiKey=***, baseUrl=" + baseUrl + "]";
    }
  }

  public VirtualKey create(Draft draft, String workspaceId) {
    ProviderSpec spec = ProviderTable.find(draft.provider()).orElseThrow(() -> GatewayException.badRequest(
        "provider: '" + draft.provider() + "' (expected one of: " + String.join(", ", ProviderTable.ids()) + ")",
        "provider"));
    String slug = draft.slug() == null ? spec.id() + "-" + HexFormat.of().formatHex(randomBytes()) : draft.slug();
    if (!SLUG.matcher(slug).matches()) {
      throw GatewayException.badRequest("slug: '" + slug
          + "' (expected: 1..63 lowercase letters, digits and dashes, starting with a letter or digit)", "slug");
    }
    if (spec.requiresKey() && (draft.apiKey() == null || draft.apiKey().isBlank())) {
      throw GatewayException.badRequest("api_key: missing (expected: the " + spec.id() + " credential)", "api_key");
    }
    if (spec.baseUrl() == null && draft.baseUrl() == null) {
      throw GatewayException.badRequest("base_url: missing (expected: the provider's base URL, e.g. "
          + "http://host:8000/v1, since provider '" + spec.id() + "' has no default)", "base_url");
    }
    if (draft.baseUrl() != null) {
      checkBaseUrl(draft.baseUrl());
    }
    List<String> models = draft.models() == null ? List.of() : draft.models();
    if (repository.findBySlug(slug).isPresent()) {
      throw GatewayException.conflict("virtual key '" + slug + "' already exists (expected: a new slug)");
    }
    VirtualKey key = new VirtualKey(UUID.randomUUID().toString(), workspaceId, slug,
        draft.name() == null ? slug : draft.name(), spec.id(), draft.baseUrl(), models, clock.instant(), true);
    String secret = draft.apiKey() == null ? "" : draft.apiKey();
    repository.insert(new VirtualKeyRepository.Row(key, vault.encrypt(secret, slug), vault.keyId()));
    return key;
  }

  public List<VirtualKey> list(String workspaceId) {
    return repository.list(workspaceId).stream().map(VirtualKeyRepository.Row::key).toList();
  }

  /** Reads and decrypts one key. */
  public Optional<ResolvedVirtualKey> resolve(String slug) {
    return repository.findBySlug(slug)
        .map(row -> new ResolvedVirtualKey(row.key(), vault.decrypt(row.ciphertext(), row.key().slug())));
  }

  public boolean delete(String slug) {
    return repository.delete(slug);
  }

  private static void checkBaseUrl(String baseUrl) {
    if (BaseUrl.parse(baseUrl).isEmpty()) {
      throw GatewayException.badRequest("base_url: '" + baseUrl + "' (expected: an http or https URL)", "base_url");
    }
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[4];
    RANDOM.nextBytes(b);
    return b;
  }
}
