package dev.portcullis.routing;

import dev.portcullis.config.ConfigLoader;
import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.BaseUrlTemplate;
import dev.portcullis.provider.Target;
import io.vertx.core.Future;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * Whether a resolved target may be called, decided before anything connects:
 * <ul>
 *   <li>a built-in local provider ({@code ollama}, {@code vllm}, {@code lm-studio}) only when the operator listed it
 *       in {@code PORTCULLIS_LOCAL_PROVIDERS}; its default loopback base URL is then allowed;</li>
 *   <li>a host the caller chose (a custom host, a virtual key's own {@code base_url}) only under the
 *       {@link CustomHostGuard}'s one rule, for every provider alike.</li>
 * </ul>
 */
public final class TargetAdmission {

  private final Set<String> enabledLocal;
  private final CustomHostGuard hostGuard;

  public TargetAdmission(List<String> enabledLocalProviders, CustomHostGuard hostGuard) {
    this.enabledLocal = Set.copyOf(enabledLocalProviders);
    this.hostGuard = hostGuard;
  }

  /**
   * The target, pinned to the checked address when its host was the caller's choice, or a 400.
   *
   * @param customHost the custom host the request or config named, or null
   * @param customHostSource where that custom host came from, for the message
   */
  public Future<Target> admit(Target t, URI customHost, String customHostSource) {
    String id = t.provider().id();
    if (ConfigLoader.LOCAL_PROVIDERS.contains(id) && !enabledLocal.contains(id)) {
      return Future.failedFuture(GatewayException.badRequest("local provider '" + id
          + "' is not enabled on this gateway; set PORTCULLIS_LOCAL_PROVIDERS", "provider"));
    }
    boolean callerChoseHost = customHost != null || (t.virtualKey() != null && !onDefaultBase(t));
    if (!callerChoseHost) {
      return Future.succeededFuture(t);
    }
    String source = customHost != null ? customHostSource : "virtual key '" + t.virtualKey() + "' base_url";
    return hostGuard.check(t.baseUrl(), source).map(t::withPinnedAddress);
  }

  private static boolean onDefaultBase(Target t) {
    String base = t.provider().baseUrl();
    if (base == null) {
      return false;
    }
    return t.baseUrl().toString().equals(BaseUrlTemplate.isTemplate(base)
        ? BaseUrlTemplate.fill(t.provider().id(), base, t.fields()) : base);
  }
}
