package dev.portcullis.server;

import dev.portcullis.admin.ConfigsApi;
import dev.portcullis.admin.KeysApi;
import dev.portcullis.admin.TargetsHealthApi;
import dev.portcullis.admin.LogsApi;
import dev.portcullis.admin.VirtualKeysApi;
import dev.portcullis.config.GatewayConfig;
import dev.portcullis.keys.Authenticator;
import dev.portcullis.observe.RequestLogWriter;
import dev.portcullis.observe.RequestRecord;
import dev.portcullis.routing.PlanSource;
import dev.portcullis.routing.TargetResolver;
import dev.portcullis.routing.config.BreakerRegistry;
import dev.portcullis.routing.smart.ProviderScores;
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
    ProviderScores scores,
    BreakerRegistry breakers,
    RequestLogWriter logWriter,
    KeysApi keysApi,
    VirtualKeysApi virtualKeysApi,
    ConfigsApi configsApi,
    TargetsHealthApi targetsHealthApi,
    LogsApi logsApi) {

  Consumer<RequestRecord> recorder() {
    return logWriter::record;
  }

  /** Ready means the database answers and the log writer runs. Blocking. */
  boolean ready() {
    return database.isReachable() && logWriter.healthy();
  }
}
