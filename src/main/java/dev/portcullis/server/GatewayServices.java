package dev.portcullis.server;

import dev.portcullis.admin.AdminApi;
import dev.portcullis.config.GatewayConfig;
import dev.portcullis.keys.Authenticator;
import dev.portcullis.observe.RequestLogWriter;
import dev.portcullis.observe.RequestRecord;
import dev.portcullis.routing.TargetResolver;
import dev.portcullis.store.Database;
import java.util.function.Consumer;

/** What every event loop's verticle shares: configuration, the key and routing services, the store. */
record GatewayServices(
    GatewayConfig config,
    Database database,
    Authenticator authenticator,
    TargetResolver resolver,
    RequestLogWriter logWriter,
    AdminApi adminApi) {

  Consumer<RequestRecord> recorder() {
    return logWriter::record;
  }

  /** Ready means the database answers and the log writer runs. Blocking. */
  boolean ready() {
    return database.isReachable() && logWriter.healthy();
  }
}
