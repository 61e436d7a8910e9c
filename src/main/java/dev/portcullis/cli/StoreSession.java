package dev.portcullis.cli;

import dev.portcullis.cluster.ChangeBus;
import dev.portcullis.cluster.LocalChangeBus;
import dev.portcullis.cluster.RedisChangeBus;
import dev.portcullis.config.ConfigException;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.config.GatewayConfig;
import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.MasterKeySource;
import dev.portcullis.keys.Tenancy;
import dev.portcullis.keys.Vault;
import dev.portcullis.net.HostPolicy;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.observe.AuditTrail;
import dev.portcullis.routing.saved.SavedConfigService;
import dev.portcullis.store.Database;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The store and tenancy services as a CLI command sees them: the same configuration and database the gateway uses,
 * so a key made here works on a running gateway at once. With Redis configured, changes are announced to running
 * gateways before the command exits; without it they see them within {@code Authenticator.REFRESH_AFTER}. Changes are
 * audited as made by the OS user.
 */
final class StoreSession implements AutoCloseable {

  private final GatewayConfig config;
  private final Database database;
  private final Vertx vertx;
  private final ChangeBus changes;
  private final Vault vault;
  private final Tenancy tenancy;

  StoreSession(Path configFile) {
    this(new ConfigLoader(System.getenv()).load(configFile), null);
  }

  /** A session whose vault is {@code vault} instead of the configured one (a master-key rotation's). */
  StoreSession(GatewayConfig config, Vault vault) {
    this.config = config;
    this.vault = vault != null ? vault
        : MasterKeySource.vault(config.masterKey(), config.masterKeyPrevious(), config.dataDir());
    this.database = Database.open(config.databaseUrl());
    if (config.redisUrl() == null) {
      this.vertx = null;
      this.changes = new LocalChangeBus();
    } else {
      this.vertx = Vertx.vertx();
      this.changes = RedisChangeBus.connect(vertx, config.redisUrl(), config.redisChannel()).await();
    }
    this.tenancy = new Tenancy(database, this.vault, changes, Clock.systemUTC(),
        HostPolicy.forThisHost(config.trustedHosts()));
  }

  /**
   * Runs a command body with a session, turning the errors a user can cause into a message and exit code 2.
   */
  static int run(Path configFile, Function<StoreSession, Integer> body) {
    try (StoreSession session = new StoreSession(configFile)) {
      return body.apply(session);
    } catch (GatewayException | ConfigException | IllegalArgumentException e) {
      System.err.println("portcullis: " + e.getMessage());
      return e instanceof GatewayException.NotFound ? 1 : 2;
    }
  }

  GatewayConfig config() {
    return config;
  }

  Tenancy tenancy() {
    return tenancy;
  }

  Vault vault() {
    return vault;
  }

  AuditActor actor() {
    return AuditActor.cli(System.getProperty("user.name"));
  }

  SavedConfigService savedConfigs() {
    return new SavedConfigService(database, new AuditTrail(), changes, Clock.systemUTC());
  }

  @Override
  public void close() {
    if (changes instanceof RedisChangeBus redis) {
      try {
        redis.drained().await(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("portcullis: running gateways may not have heard of this change: " + e.getMessage());
      }
    }
    changes.close();
    if (vertx != null) {
      vertx.close().await();
    }
    database.close();
  }
}
