package dev.portcullis.routing.smart;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.cluster.Change;
import dev.portcullis.cluster.ChangeBus;
import dev.portcullis.keys.Principal;
import dev.portcullis.keys.Reach;
import dev.portcullis.keys.VirtualKey;
import dev.portcullis.keys.VirtualKeyService;
import dev.portcullis.routing.config.GroupNode;
import dev.portcullis.routing.config.PlanNode;
import dev.portcullis.routing.config.RoutingPlan;
import dev.portcullis.routing.config.Strategy;
import dev.portcullis.routing.config.TargetNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code provider/model} fails over across every key the caller may use for that provider: the server-held key
 * first, then the workspace's enabled virtual keys of that provider that allow the model, in creation order. A
 * single virtual key is a plan of one target; the server-held key alone needs no plan. The workspace's virtual-key list is read on a worker
 * thread and kept until a virtual key of the workspace changes (on any node), for 10 seconds at most.
 */
public final class ProviderKeys {

  static final Duration LIST_TTL = Duration.ofSeconds(10);

  private final VirtualKeyService virtualKeys;
  private final Predicate<String> serverHeld;
  private final Vertx vertx;
  private final Cache<String, List<VirtualKey>> byWorkspace =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(LIST_TTL).build();

  public ProviderKeys(VirtualKeyService virtualKeys, Predicate<String> serverHeld, Vertx vertx, ChangeBus changes) {
    this.virtualKeys = virtualKeys;
    this.serverHeld = serverHeld;
    this.vertx = vertx;
    changes.subscribe(change -> {
      if (change.kind() == Change.Kind.VIRTUAL_KEY || change.kind() == Change.Kind.WORKSPACE) {
        byWorkspace.invalidate(change.workspaceId());
      }
    });
  }

  /**
   * The keys' plan, or empty when the server-held key alone serves the provider (or nothing does, which the
   * resolver then explains).
   */
  public Future<Optional<RoutingPlan>> plan(String provider, String model, Principal caller) {
    return keys(caller).map(all -> {
      boolean held = serverHeld.test(provider);
      List<VirtualKey> usable = all.stream()
          .filter(vk -> vk.enabled() && vk.provider().equals(provider) && vk.allows(model)).toList();
      if (usable.isEmpty()) {
        return Optional.empty();
      }
      List<PlanNode> targets = new ArrayList<>();
      if (held) {
        targets.add(TargetNode.planned("keys.targets[0]", provider, provider, null, model, "keys " + provider));
      }
      for (VirtualKey vk : usable) {
        targets.add(TargetNode.planned("keys.targets[" + targets.size() + "]", vk.slug(), null, vk.slug(), model,
            "@" + vk.slug()));
      }
      return Optional.of(new RoutingPlan(new GroupNode("keys", null, 1, new Strategy.Fallback(Set.of()), targets)));
    });
  }

  private Future<List<VirtualKey>> keys(Principal caller) {
    List<VirtualKey> cached = byWorkspace.getIfPresent(caller.workspaceId());
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return vertx.executeBlocking(() -> virtualKeys.list(Reach.of(caller), caller.workspaceId()), false)
        .onSuccess(list -> byWorkspace.put(caller.workspaceId(), list));
  }
}
