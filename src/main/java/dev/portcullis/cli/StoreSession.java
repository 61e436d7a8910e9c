package dev.portcullis.cli;

import dev.portcullis.cluster.ChangeBus;
import dev.portcullis.cluster.RedisChangeBus;
import dev.portcullis.cluster.StoreChangeBus;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.config.GatewayConfig;
import dev.portcullis.keys.MasterKeySource;
import dev.portcullis.keys.Tenancy;
import dev.portcullis.keys.Vault;
import dev.portcullis.net.HostPolicy;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.observe.AuditTrail;
import dev.portcullis.policy.Governance;
import dev.portcullis.policy.Limits;
import dev.portcullis.policy.LocalCounters;
import dev.portcullis.policy.PolicyService;
import dev.portcullis.policy.PriceCatalog;
import dev.portcullis.policy.RedisFailureMode;
import dev.portcullis.prompt.PromptService;
import dev.portcullis.routing.saved.SavedConfigService;
import dev.portcullis.store.Database;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The store and tenancy services as a CLI command sees them: the same configuration and database the gateway uses,
 * so a key made here works on a running gateway at once. Changes are announced to running gateways before the
 * command exits: over Redis when it is configured, else through the database's change log, which gateways read every
 * {@link StoreChangeBus#POLL_INTERVAL}. Changes are audited as made by the OS user.
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
      this.changes = new StoreChangeBus(database, Clock.systemUTC());
    } else {
      this.vertx = Vertx.vertx();
      this.changes = RedisChangeBus.open(vertx, config.redisUrl(), config.redisChannel());
    }
    this.tenancy = new Tenancy(database, this.vault, changes, Clock.systemUTC(),
        HostPolicy.forThisHost(config.trustedHosts()));
  }

  /** Runs a command body with a session; failures go to {@link CliFailures}. */
  static int run(Path configFile, Function<StoreSession, Integer> body) {
    try (StoreSession session = new StoreSession(configFile)) {
      return body.apply(session);
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

  Database database() {
    return database;
  }

  AuditActor actor() {
    return AuditActor.cli(System.getProperty("user.name"));
  }

  SavedConfigService savedConfigs() {
    return new SavedConfigService(database, new AuditTrail(), changes, Clock.systemUTC());
  }

  /** Policy rules as the admin API changes them; limits counted in this process only (the command counts nothing). */
  PolicyService policies() {
    Governance governance = new Governance(database, PriceCatalog.bundled(),
        new Limits(new LocalCounters(Clock.systemUTC()::millis), RedisFailureMode.of(config.limitsOnRedisFailure())));
    governance.reload();
    return new PolicyService(database, new AuditTrail(), changes, Clock.systemUTC(), governance);
  }

  /** The prompt library, as the admin API changes it. */
  PromptService prompts() {
    return new PromptService(database, new AuditTrail(), Clock.systemUTC());
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
