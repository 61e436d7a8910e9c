package dev.portcullis.routing.smart;

import dev.portcullis.routing.config.GroupNode;
import dev.portcullis.routing.config.PlanNode;
import dev.portcullis.routing.config.RoutingPlan;
import dev.portcullis.routing.config.Strategy;
import dev.portcullis.routing.config.TargetNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Routes a bare model id ({@code "llama-3.3-70b"}) across every configured provider that serves it: candidates
 * from the {@link ModelCatalog}, ranked live by price, latency and error rate, tried in that order as a fallback
 * plan. A small share of calls explores a lower-ranked provider so its scores stay fresh.
 *
 * <p>Score (lower is better): {@code price / max price + latency / max latency + 3 x error rate}; a provider not
 * tried yet counts 0.5 for latency and 0 for errors.
 */
public final class SmartRouter {

  static final double EXPLORE_SHARE = 0.05;

  private final ModelCatalog catalog;
  private final ProviderScores scores;
  private final Predicate<String> configured;

  /**
   * @param configured whether the gateway holds credentials for a provider id
   */
  public SmartRouter(ModelCatalog catalog, ProviderScores scores, Predicate<String> configured) {
    this.catalog = catalog;
    this.scores = scores;
    this.configured = configured;
  }

  /** A fallback plan over the ranked providers, or empty when no configured provider serves the model. */
  public Optional<RoutingPlan> plan(String model, RandomGenerator random) {
    List<ModelOffer> offers = catalog.offers(model).stream().filter(o -> configured.test(o.provider())).toList();
    if (offers.isEmpty()) {
      return Optional.empty();
    }
    List<ModelOffer> ranked = rank(offers, random);
    List<PlanNode> targets = new ArrayList<>(ranked.size());
    for (int i = 0; i < ranked.size(); i++) {
      ModelOffer offer = ranked.get(i);
      targets.add(TargetNode.planned("smart.targets[" + i + "]", offer.provider(), offer.provider(), null,
          offer.model(), "smart " + offer.provider()));
    }
    return Optional.of(new RoutingPlan(new GroupNode("smart", null, 1, new Strategy.Fallback(Set.of()), targets)));
  }

  List<ModelOffer> rank(List<ModelOffer> offers, RandomGenerator random) {
    double maxPrice = offers.stream().mapToDouble(ModelOffer::blendedPrice).max().orElse(0);
    double maxLatency = offers.stream().map(o -> scores.health(o.provider())).filter(h -> h != null)
        .mapToDouble(ProviderScores.Health::latencyMs).max().orElse(0);
    List<ModelOffer> ranked = new ArrayList<>(offers);
    ranked.sort(Comparator.comparingDouble(o -> score(o, maxPrice, maxLatency)));
    if (ranked.size() > 1 && random.nextDouble() < EXPLORE_SHARE) {
      ranked.addFirst(ranked.remove(1 + random.nextInt(ranked.size() - 1)));
    }
    return ranked;
  }

  double score(ModelOffer offer, double maxPrice, double maxLatency) {
    ProviderScores.Health h = scores.health(offer.provider());
    double price = maxPrice == 0 ? 0 : offer.blendedPrice() / maxPrice;
    double latency = h == null || maxLatency == 0 ? 0.5 : h.latencyMs() / maxLatency;
    double errors = h == null ? 0 : h.errorRate();
    return price + latency + 3 * errors;
  }
}
