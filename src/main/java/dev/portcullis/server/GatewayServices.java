package dev.portcullis.server;

import dev.portcullis.admin.AdminApi;
import dev.portcullis.config.GatewayConfig;
import dev.portcullis.keys.Authenticator;
import dev.portcullis.observe.GatewayMetrics;
import dev.portcullis.observe.RequestLogWriter;
import dev.portcullis.observe.RequestRecord;
import dev.portcullis.provider.ProviderAdapters;
import dev.portcullis.routing.PlanSource;
import dev.portcullis.routing.TargetResolver;
import dev.portcullis.routing.config.BreakerRegistry;
import dev.portcullis.routing.smart.ProviderScores;
import dev.portcullis.routing.smart.ProviderKeys;
import dev.portcullis.routing.smart.SmartRouter;
import dev.portcullis.store.Database;
import java.util.function.Consumer;

/** What every event loop's verticle shares: configuration, the key and routing services, the store. */
record GatewayServices(
    GatewayConfig config,
    Database database,
    Authenticator authenticator,
    TargetResolver resolver,
    PlanSource plans,
    SmartRouter smartRouter,
    ProviderKeys providerKeys,
    ProviderScores scores,
    BreakerRegistry breakers,
    RequestLogWriter logWriter,
    GatewayMetrics metrics,
    AdminApi adminApi,
    ProviderAdapters adapters,
    ConnectionGuard connections,
    BodyReader bodies) {

  /** Where every finished request's record goes: the request log and the metrics. */
  Consumer<RequestRecord> recorder() {
    return record -> {
      logWriter.record(record);
      metrics.record(record);
    };
  }

  /** Ready means the database answers and the log writer runs. Blocking. */
  boolean ready() {
    return database.isReachable() && logWriter.healthy();
  }
}
