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

  /** The output a budget reserves for a request that sets no maximum, to a model whose output limit is unknown. */
  static final int DEFAULT_MAX_OUTPUT_TOKENS = 4096;

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
   * What an answer from the cache saved: the usage it reports, at the price its provider would have charged; when the
   * provider is chosen only by routing, at the model's lowest price in the catalog (the hit saved at least that).
   * Null when no price is known.
   */
  public BigDecimal savedByHit(String workspaceId, String provider, String model, Consumption used) {
    if (model == null) {
      return null;
    }
    if (provider != null) {
      Price p = price(workspaceId, provider, model);
      return p == null ? null : p.cost(used);
    }
    BigDecimal least = null;
    for (Price listed : catalog.everyProvider(model)) {
      BigDecimal usd = price(workspaceId, listed.provider(), model).cost(used);
      if (usd != null && (least == null || usd.compareTo(least) < 0)) {
        least = usd;
      }
    }
    return least;
  }

  /**
   * The most a request may cost, in millionths of a dollar: its input tokens (at most one per byte of the body) and
   * its maximum output, at its provider's price, or at the highest price of the model when the provider is not known
   * before routing; output at the reasoning price when that is dearer. 0 when no price is known.
   *
   * @param maxOutputTokens the request's own output maximum, or 0 when it sets none: then the model's output limit
   *     from its price entry, else {@value #DEFAULT_MAX_OUTPUT_TOKENS}
   */
  public long worstCaseMicros(String workspaceId, String provider, String model, long inputTokens,
      long maxOutputTokens) {
    int in = clamp(inputTokens);
    Price known = price(workspaceId, provider, model);
    List<Price> candidates = known != null ? List.of(known) : model == null ? List.of() : catalog.everyProvider(model);
    long most = 0;
    for (Price p : candidates) {
      int out = clamp(maxOutputTokens > 0 ? maxOutputTokens
          : p.maxOutputTokens() != null ? p.maxOutputTokens() : DEFAULT_MAX_OUTPUT_TOKENS);
      for (Consumption c : List.of(Consumption.tokens(in, 0, 0, out, 0), Consumption.tokens(in, 0, 0, out, out))) {
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
