package dev.portcullis.server;

import dev.portcullis.api.GatewayHeaders;
import dev.portcullis.keys.Principal;
import dev.portcullis.routing.HeaderRoute;
import dev.portcullis.routing.ModelAddress;
import dev.portcullis.routing.PlanSource;
import dev.portcullis.routing.config.RoutingPlan;
import dev.portcullis.routing.smart.ProviderKeys;
import dev.portcullis.routing.smart.SmartRouter;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Plan: which targets the call may go to. A routing config (the -config header, else the one attached to the key)
 * decides; without one, {@code provider/model} fails over across that provider's keys, a bare model is routed
 * smartly across every provider serving it, and anything else is a plan of one target: the call's own address.
 */
final class PlanStage implements Stage {

  private final PlanSource plans;
  private final SmartRouter smartRouter;
  private final ProviderKeys providerKeys;
  private final RandomGenerator random = new SplittableRandom();

  PlanStage(PlanSource plans, SmartRouter smartRouter, ProviderKeys providerKeys) {
    this.plans = plans;
    this.smartRouter = smartRouter;
    this.providerKeys = providerKeys;
  }

  @Override
  public Future<Void> serve(Exchange call, Chain next) {
    GatewayHeaders h = call.headers;
    call.route = new HeaderRoute(h.prefix(), h.provider(), h.providerKey(), h.virtualKey(), h.customHost(),
        h.values());
    return plan(call).compose(plan -> {
      call.direct = plan.isEmpty();
      call.plan = plan.orElse(RoutingPlan.DIRECT);
      return next.proceed(call);
    });
  }

  private Future<Optional<RoutingPlan>> plan(Exchange call) {
    GatewayHeaders h = call.headers;
    Principal principal = call.principal;
    if (h.config() != null) {
      return plans.plan(h.config(), principal.workspaceId(), h.prefix() + "config").map(Optional::of);
    }
    String attached = attachedConfig(principal);
    if (attached != null) {
      return plans.plan(attached, principal.workspaceId(), "default_config of API key '" + principal.keyName()
          + "'").map(Optional::of);
    }
    if (h.provider() != null || h.virtualKey() != null) {
      return Future.succeededFuture(Optional.empty());
    }
    return switch (call.address) {
      case ModelAddress.ViaProvider pinned -> providerKeys.plan(pinned.provider().id(), pinned.model(), principal);
      case ModelAddress.Bare bare -> Future.succeededFuture(smartRouter.plan(bare.model(), random));
      default -> Future.succeededFuture(Optional.empty());
    };
  }

  /** The config attached to the key (stored as JSON text: an object, or a string naming a saved config), or null. */
  private static String attachedConfig(Principal principal) {
    String attached = principal.defaultConfig();
    if (attached != null && attached.startsWith("\"")) {
      return attached.substring(1, attached.length() - 1);
    }
    return attached;
  }

  @Override
  public String toString() {
    return "Plan";
  }
}
