package dev.portcullis.policy;

import dev.portcullis.cluster.Change;
import dev.portcullis.cluster.ChangeBus;
import dev.portcullis.store.Database;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Policy as the request path sees it: the rules, defaults and price overrides in force (one snapshot in memory,
 * replaced whole when any of them changes on any node), the price catalog, and the limits. Reads never block.
 */
public final class Governance {

  private static final Logger LOG = LoggerFactory.getLogger(Governance.class);

  private final Database database;
  private final PriceCatalog catalog;
  private final Limits limits;
  private final PolicyRepository rules = new PolicyRepository();
  private final PriceOverrideRepository prices = new PriceOverrideRepository();
  private final AtomicBoolean reloading = new AtomicBoolean();
  private final AtomicBoolean stale = new AtomicBoolean();
  private volatile PolicySnapshot snapshot = PolicySnapshot.EMPTY;

  public Governance(Database database, PriceCatalog catalog, Limits limits) {
    this.database = database;
    this.catalog = catalog;
    this.limits = limits;
  }

  /**
   * Reloads the snapshot whenever a rule, default, price override or workspace changes, on this node or another
   * (on a worker thread; changes arriving during a reload cause one more).
   */
  public Governance follow(ChangeBus changes, Vertx vertx) {
    changes.subscribe(change -> {
      if (change.kind() == Change.Kind.POLICY || change.kind() == Change.Kind.WORKSPACE) {
        stale.set(true);
        reloadLater(vertx);
      }
    });
    return this;
  }

  private void reloadLater(Vertx vertx) {
    if (!reloading.compareAndSet(false, true)) {
      return;
    }
    stale.set(false);
    vertx.executeBlocking(() -> {
      reload();
      return null;
    }, false).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("could not reload policy rules and prices; keeping the ones in force: {}", ar.cause().getMessage());
      }
      reloading.set(false);
      if (stale.get()) {
        reloadLater(vertx);
      }
    });
  }

  /** Reads every rule, default, override and the workspace tree from the store. Blocking. */
  public void reload() {
    snapshot = database.read("load policy rules", c -> {
      Map<String, List<PolicyRule>> byWorkspace = new HashMap<>();
      for (StoredRule stored : rules.inForce(c)) {
        PolicyRule rule = PolicyService.parse(stored);
        byWorkspace.computeIfAbsent(rule.workspaceId(), k -> new ArrayList<>()).add(rule);
      }
      Map<String, Map<String, Map<String, Price>>> overrides = new HashMap<>();
      for (PriceOverrideRepository.Row row : prices.all(c)) {
        Price p = PriceService.parse(row);
        overrides.computeIfAbsent(row.workspaceId(), k -> new HashMap<>())
            .computeIfAbsent(row.provider(), k -> new HashMap<>()).put(row.model(), p);
      }
      return new PolicySnapshot(rules.parents(c), byWorkspace, rules.defaults(c), overrides);
    });
  }

  public PolicySnapshot snapshot() {
    return snapshot;
  }

  public PriceCatalog catalog() {
    return catalog;
  }

  public Limits limits() {
    return limits;
  }

  /** The price a workspace pays: its nearest override, else the catalog's; null when unknown. */
  public Price price(String workspaceId, String provider, String model) {
    if (provider == null || model == null) {
      return null;
    }
    Price p = snapshot.override(workspaceId, provider, model);
    return p != null ? p : catalog.priceOrNull(provider, model);
  }

  /**
   * What a call cost.
   *
   * @param estimated whether the consumption was counted by the gateway rather than reported by the provider
   */
  public Cost cost(String workspaceId, String provider, String model, Consumption used, boolean estimated) {
    Price price = price(workspaceId, provider, model);
    BigDecimal usd = price == null ? null : price.cost(used);
    return usd == null ? Cost.UNPRICED : new Cost(usd, estimated ? CostStatus.ESTIMATED : CostStatus.PRICED);
  }

  /**
   * The most a request may cost, in millionths of a dollar: its input tokens (at most one per byte of the body) and
   * its maximum output, at its provider's price, or at the highest price of the model when the provider is not known
   * before routing; output at the reasoning price when that is dearer. 0 when no price is known.
   */
  public long worstCaseMicros(String workspaceId, String provider, String model, long inputTokens,
      long outputTokens) {
    int in = clamp(inputTokens);
    int out = clamp(outputTokens);
    List<Consumption> worst = List.of(Consumption.tokens(in, 0, 0, out, 0), Consumption.tokens(in, 0, 0, out, out));
    Price known = price(workspaceId, provider, model);
    List<Price> candidates = known != null ? List.of(known) : model == null ? List.of() : catalog.everyProvider(model);
    long most = 0;
    for (Price p : candidates) {
      for (Consumption c : worst) {
        BigDecimal usd = p.cost(c);
        if (usd != null) {
          most = Math.max(most, Price.micros(usd));
        }
      }
    }
    return most;
  }

  private static int clamp(long n) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, n));
  }
}
