package dev.portcullis.provider;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** The adapter of every provider row, each made once per gateway by its spec (some hold cached access tokens). */
public final class ProviderAdapters {

  private final Map<String, ProviderAdapter> adapters = new HashMap<>();

  /**
   * @param vertx for adapters that fetch access tokens
   * @param clock the time tokens and signatures are computed against
   */
  public ProviderAdapters(Vertx vertx, Clock clock) {
    for (ProviderSpec spec : ProviderTable.all()) {
      adapters.put(spec.id(), spec.adapter().create(vertx, clock));
    }
  }

  /** The adapter for a provider row. */
  public ProviderAdapter of(ProviderSpec spec) {
    return adapters.get(spec.id());
  }
}
