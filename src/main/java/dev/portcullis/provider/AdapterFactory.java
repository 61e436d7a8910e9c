package dev.portcullis.provider;

import io.vertx.core.Vertx;
import java.time.Clock;

/** Makes a provider's adapter once per gateway (some hold state, such as cached access tokens). */
@FunctionalInterface
public interface AdapterFactory {

  /**
   * @param vertx for adapters that fetch access tokens
   * @param clock the time tokens and signatures are computed against
   */
  ProviderAdapter create(Vertx vertx, Clock clock);
}
