package dev.portcullis.server;

import dev.portcullis.admin.AdminApi;
import dev.portcullis.admin.AlertsApi;
import dev.portcullis.admin.AnomalySettingsApi;
import dev.portcullis.admin.WebhooksApi;
import dev.portcullis.alert.AlertService;
import dev.portcullis.alert.AnomalyDetector;
import dev.portcullis.alert.AnomalySettingsService;
import dev.portcullis.alert.AnomalyWatch;
import dev.portcullis.alert.PolicyAlertCooldown;
import dev.portcullis.alert.WebhookDispatcher;
import dev.portcullis.alert.WebhookService;
import dev.portcullis.admin.SessionCookies;
import dev.portcullis.admin.AnalyticsApi;
import dev.portcullis.admin.CacheApi;
import dev.portcullis.admin.ConfigsApi;
import dev.portcullis.admin.GuardrailsApi;
import dev.portcullis.admin.PromptsApi;
import dev.portcullis.admin.LogsApi;
import dev.portcullis.admin.PoliciesApi;
import dev.portcullis.admin.PricesApi;
import dev.portcullis.admin.LogsExportApi;
import dev.portcullis.admin.TargetsHealthApi;
import dev.portcullis.cache.MemoryCacheStore;
import dev.portcullis.cache.RedisCacheStore;
import dev.portcullis.cache.ResponseCache;
import dev.portcullis.cache.SemanticCache;
import dev.portcullis.cluster.ChangeBus;
import dev.portcullis.cluster.RedisChangeBus;
import dev.portcullis.cluster.StoreChangeBus;
import dev.portcullis.config.ConfigException;
import dev.portcullis.config.GatewayConfig;
import dev.portcullis.guard.saved.SavedGuardrailService;
import dev.portcullis.guard.saved.SavedGuardrails;
import dev.portcullis.keys.Authenticator;
import dev.portcullis.keys.KeyUsage;
import dev.portcullis.keys.MasterKeySource;
import dev.portcullis.keys.Tenancy;
import dev.portcullis.keys.Vault;
import dev.portcullis.observe.AuditTrail;
import dev.portcullis.observe.GatewayMetrics;
import dev.portcullis.observe.trace.OtlpTracing;
import dev.portcullis.observe.LogRetention;
import dev.portcullis.observe.RequestLogRepository;
import dev.portcullis.observe.RequestLogWriter;
import dev.portcullis.policy.BudgetAlerts;
import dev.portcullis.policy.Counters;
import dev.portcullis.policy.Governance;
import dev.portcullis.policy.Limits;
import dev.portcullis.policy.LocalCounters;
import dev.portcullis.policy.PolicyService;
import dev.portcullis.report.Reports;
import dev.portcullis.policy.PriceCatalog;
import dev.portcullis.policy.PriceService;
import dev.portcullis.policy.RedisCounters;
import dev.portcullis.policy.RedisFailureMode;
import dev.portcullis.observe.analytics.Analytics;
import dev.portcullis.prompt.PromptService;
import dev.portcullis.provider.ProviderAdapters;
import dev.portcullis.net.HostPolicy;
import dev.portcullis.routing.CustomHostGuard;
import dev.portcullis.routing.PlanSource;
import dev.portcullis.routing.ServerProviders;
import dev.portcullis.routing.TargetAdmission;
import dev.portcullis.routing.TargetResolver;
import dev.portcullis.routing.config.BreakerRegistry;
import dev.portcullis.routing.config.BreakerSettings;
import dev.portcullis.routing.saved.SavedConfigService;
import dev.portcullis.routing.saved.SavedConfigs;
import dev.portcullis.routing.smart.ModelCatalog;
import dev.portcullis.routing.smart.ProviderScores;
import dev.portcullis.routing.smart.ProviderKeys;
import dev.portcullis.routing.smart.SmartRouter;
import dev.portcullis.store.Database;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import dev.portcullis.time.GatewayClock;
import dev.portcullis.ui.Dashboard;
import java.net.BindException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: opens the store, prepares keys and routing, and serves HTTP on every event loop. Closing it
 * stops accepting, lets the calls in flight finish, then flushes the request log before the store closes, so nothing
 * recorded is lost.
 */
public final class GatewayServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

  /** How often the times keys were last used are written to the store. */
  private static final long USAGE_FLUSH_MS = 10_000;

  /** How often expired request log rows and bodies are pruned. */
  private static final long RETENTION_MS = 3_600_000;

  private final Vertx vertx;
  private final GatewayServices services;
  private final ChangeBus changes;
  private final KeyUsage usage;
  private final int port;
  private final int eventLoopsServing;
  private final Optional<String> generatedAdminKey;
  private final List<GatewayVerticle> verticles;

  private GatewayServer(Vertx vertx, GatewayServices services, ChangeBus changes, KeyUsage usage, int port,
      int eventLoopsServing, Optional<String> generatedAdminKey, List<GatewayVerticle> verticles) {
    this.verticles = List.copyOf(verticles);
    this.vertx = vertx;
    this.services = services;
    this.changes = changes;
    this.usage = usage;
    this.port = port;
    this.eventLoopsServing = eventLoopsServing;
    this.generatedAdminKey = generatedAdminKey;
  }

  /** Starts the gateway and returns once it listens. Port 0 picks a free port, shared by every event loop. */
  public static GatewayServer start(GatewayConfig config) {
    return start(config, Extensions.NONE);
  }

  /** Starts the gateway on the extensions' clock, with their listeners and stages added. */
  static GatewayServer start(GatewayConfig config, Extensions extensions) {
    GatewayClock clock = extensions.clock();
    ServerProviders serverProviders = new ServerProviders(config.providers());
    Vault vault = MasterKeySource.vault(config.masterKey(), config.masterKeyPrevious(), config.dataDir());
    Database database = Database.open(config.databaseUrl());
    RequestLogWriter logWriter = null;
    Vertx vertx = null;
    ChangeBus changes = null;
    try {
      int cores = Runtime.getRuntime().availableProcessors();
      vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(cores));
      changes = config.redisUrl() == null ? new StoreChangeBus(database, clock).pollEvery(vertx)
          : RedisChangeBus.open(vertx, config.redisUrl(), config.redisChannel());
      HostPolicy hosts = HostPolicy.forThisHost(config.trustedHosts());
      Tenancy tenancy = new Tenancy(database, vault, changes, clock, hosts);
      tenancy.masterKeyRotation().refuseForeignMasterKey();
      Optional<String> generated = tenancy.apiKeys().ensureBootstrapAdmin(config.adminKey());
      logWriter = RequestLogWriter.start(database.dataSource());

      Authenticator authenticator = tenancy.authenticator(vertx);
      CustomHostGuard hostGuard = new CustomHostGuard(vertx, hosts);
      TargetResolver resolver = new TargetResolver(serverProviders, tenancy.virtualKeyResolver(vertx),
          new TargetAdmission(config.localProviders(), hostGuard));
      AuditTrail auditTrail = new AuditTrail();
      SavedConfigService configService = new SavedConfigService(database, auditTrail, changes, clock);
      AlertService alerts = new AlertService(database, auditTrail, clock);
      Governance governance = governance(config, database, vertx, changes, clock, alerts);
      PolicyService policies = new PolicyService(database, auditTrail, changes, clock, governance);
      SavedConfigs savedConfigs = new SavedConfigs(configService, vertx);
      PromptService prompts = new PromptService(database, auditTrail, clock);
      SavedGuardrailService guardrailService = new SavedGuardrailService(database, new AuditTrail(), changes, clock);
      BreakerRegistry breakers = new BreakerRegistry(BreakerSettings.DEFAULTS, clock);
      ProviderScores scores = new ProviderScores();
      SmartRouter smartRouter = new SmartRouter(config.modelCatalog() == null ? ModelCatalog.bundled()
          : ModelCatalog.load(config.modelCatalog()), scores, id -> serverProviders.find(id).isPresent());
      ConnectionGuard connections = new ConnectionGuard(config.maxConnections(), config.idleTimeout(),
          config.headerTimeout());
      connections.warnIfFileLimitIsLower();
      BodyBytesInFlight bodiesInFlight = new BodyBytesInFlight(config.maxBodyBytesInFlight());
      ResponseCache cache = new ResponseCache(config.redisUrl() == null
          ? new MemoryCacheStore(config.cacheMaxBytes(), clock)
          : new RedisCacheStore(vertx, config.redisUrl()), new SemanticCache(config.cacheMaxBytes(), clock), changes);
      GatewayMetrics metrics = metrics(breakers, logWriter, connections, changes, cache);
      Analytics analytics = new Analytics(database);
      metrics.counter("portcullis_limit_store_failures", "Times the limit counters (Redis) could not be reached; "
          + "limits then fail open or closed as PORTCULLIS_LIMITS_ON_REDIS_FAILURE says", governance.limits(),
          Limits::storeFailures);
      AnomalySettingsService anomalySettings = new AnomalySettingsService(database, auditTrail, clock);
      AnomalyDetector anomalies = new AnomalyDetector(clock);
      SessionCookies sessions = new SessionCookies(vault.derivedSecret("portcullis dashboard sessions"), clock);
      GatewayServices services = new GatewayServices(config, database, authenticator, resolver,
          new PlanSource(savedConfigs), smartRouter,
          new ProviderKeys(tenancy.virtualKeys(), id -> serverProviders.find(id).isPresent(), vertx, changes),
          scores, breakers, logWriter, metrics,
          new AdminApi(tenancy, authenticator,
              new LogsApi(new RequestLogRepository(database), tenancy.workspaces()::subtreeIds),
              new LogsExportApi(new RequestLogRepository(database), tenancy.workspaces()::subtreeIds),
              new AnalyticsApi(analytics, tenancy.workspaces()::subtreeIds, clock),
              new ConfigsApi(configService, tenancy.workspaces()),
              new GuardrailsApi(guardrailService, tenancy.workspaces()), new TargetsHealthApi(breakers),
              new PoliciesApi(policies, governance, tenancy.workspaces(), clock),
              new PricesApi(new PriceService(database, auditTrail, changes, clock, governance)), policies,
              new CacheApi(cache, tenancy.workspaces()::subtreeIds, tenancy.audit(), analytics, clock),
              new AlertsApi(alerts, tenancy.workspaces()::subtreeIds),
              new WebhooksApi(new WebhookService(database, vault, hosts, auditTrail, clock), tenancy.workspaces()),
              new AnomalySettingsApi(anomalySettings, tenancy.workspaces()),
              new Reports(database, tenancy.workspaces(), config, clock), sessions,
              new PromptsApi(prompts, tenancy.workspaces())),
          new ProviderAdapters(vertx, clock), connections, new BodyReader(config.maxBodyBytes(), bodiesInFlight),
          new SavedGuardrails(guardrailService, vertx), cache, clock, extensions, governance, alerts,
          new PolicyAlertCooldown(), anomalies, hostGuard, new Dashboard(sessions, authenticator, clock),
          Optional.ofNullable(config.otlpEndpoint()).map(endpoint -> OtlpTracing.start(endpoint, clock)), prompts);
      KeyUsage usage = tenancy.keyUsage();
      Vertx v = vertx;
      vertx.setPeriodic(USAGE_FLUSH_MS, id -> v.executeBlocking(usage::flush, false)
          .onFailure(e -> LOG.warn("could not record when keys were last used: {}", e.getMessage())));
      LogRetention retention = new LogRetention(database, config.logRetentionDays(), config.bodyRetentionDays(), clock);
      vertx.setPeriodic(RETENTION_MS, id -> v.executeBlocking(retention::prune, false)
          .onFailure(e -> LOG.warn("could not prune the request log: {}", e.getMessage())));

      new AnomalyWatch(anomalies, anomalySettings, alerts, clock).start(vertx);
      new WebhookDispatcher(vertx, database, vault, hosts, clock).start();

      List<GatewayVerticle> verticles = new CopyOnWriteArrayList<>();
      int bind = config.port() == 0 ? -1 : config.port();
      try {
        vertx.deployVerticle(() -> {
          GatewayVerticle verticle = new GatewayVerticle(services, bind, GatewayVerticle.upstreamClient(v));
          verticles.add(verticle);
          return verticle;
        }, new DeploymentOptions().setInstances(cores)).await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw listenFailure(config, e);
      }
      int port = verticles.getFirst().actualPort();
      int loops = (int) verticles.stream().map(GatewayVerticle::eventLoop).distinct().count();
      if (loops < cores) {
        LOG.warn("the {} server instances run on only {} of {} event loops: connections will not spread over "
            + "every core", cores, loops, cores);
      }
      LOG.info("gateway started on {}:{} (database {}, providers {}, changes {})", config.host(), port,
          database, serverProviders.ids(), config.redisUrl() == null ? "through the database"
              : "Redis " + config.redisChannel());
      return new GatewayServer(vertx, services, changes, usage, port, loops, generated, verticles);
    } catch (Exception e) {
      if (changes != null) {
        changes.close();
      }
      if (vertx != null) {
        vertx.close().await();
      }
      if (logWriter != null) {
        logWriter.close();
      }
      database.close();
      throw e instanceof RuntimeException r ? r : new IllegalStateException("gateway failed to start: " + e.getMessage(), e);
    }
  }

  /**
   * Prices, rules and limits: counters in this process, or in Redis when the gateway has one; the rules in force
   * loaded now and reloaded on every change.
   */
  private static Governance governance(GatewayConfig config, Database database, Vertx vertx, ChangeBus changes,
      GatewayClock clock, AlertService alerts) {
    PriceCatalog catalog = config.priceCatalog() == null ? PriceCatalog.bundled()
        : PriceCatalog.load(config.priceCatalog());
    Counters counters = config.redisUrl() == null ? new LocalCounters(clock::millis)
        : new RedisCounters(vertx, config.redisUrl());
    Governance governance = new Governance(database, catalog,
        new Limits(counters, RedisFailureMode.of(config.limitsOnRedisFailure()), new BudgetAlerts(alert ->
            vertx.executeBlocking(() -> alerts.raise(alert), false).onFailure(e ->
                LOG.warn("could not record the budget alert of rule '{}': {}", alert.ruleName(), e.getMessage())))))
        .follow(changes, vertx);
    governance.reload();
    return governance;
  }

  /** Why the server could not listen, in one line naming the setting to change; other failures as they are. */
  private static Exception listenFailure(GatewayConfig config, Exception failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (t instanceof BindException || message.contains("Address already in use")) {
        return new ConfigException("port / PORTCULLIS_PORT: " + config.port() + " on " + config.host()
            + " is already in use by another process (expected: a free port; stop the other process, perhaps "
            + "another 'portcullis serve', or set PORTCULLIS_PORT to another port)");
      }
      if (message.contains("Cannot assign requested address")) {
        return new ConfigException("host / PORTCULLIS_HOST: '" + config.host() + "' is not an address of this "
            + "machine (expected: one of its addresses, 127.0.0.1, or 0.0.0.0 for all of them)");
      }
    }
    return failure;
  }

  private static GatewayMetrics metrics(BreakerRegistry breakers, RequestLogWriter logWriter,
      ConnectionGuard connections, ChangeBus changes, ResponseCache cache) {
    GatewayMetrics metrics = new GatewayMetrics();
    metrics.gauges("portcullis_breaker_state", "The worst circuit breaker state among a provider's targets: "
        + "0 closed, 1 half-open, 2 open", "provider", breakers::states);
    metrics.counter("portcullis_request_log_written", "Request log rows written", logWriter,
        RequestLogWriter::written);
    metrics.counter("portcullis_request_log_dropped", "Request log rows dropped: queue full, writer closed, or a "
        + "batch that failed twice", logWriter, RequestLogWriter::dropped);
    metrics.gauge("portcullis_request_log_queue_depth", "Request log rows waiting to be written", logWriter,
        RequestLogWriter::queued);
    metrics.gauge("portcullis_connections_open", "Client connections open now", connections, ConnectionGuard::open);
    metrics.counter("portcullis_connections_refused", "Client connections refused for being over "
        + "PORTCULLIS_MAX_CONNECTIONS", connections, ConnectionGuard::refused);
    if (changes instanceof RedisChangeBus redis) {
      metrics.gauge("portcullis_redis_connected", "1 while the subscription to Redis stands, 0 while it is re-made",
          redis, r -> r.subscribed() ? 1 : 0);
    }
    metrics.counter("portcullis_cache_hits", "Calls answered from an exact cache match on this node", cache,
        ResponseCache::hits);
    metrics.counter("portcullis_cache_semantic_hits", "Calls answered from a semantic cache match on this node", cache,
        ResponseCache::semanticHits);
    metrics.counter("portcullis_cache_misses", "Cached calls that found no stored answer on this node", cache,
        ResponseCache::misses);
    metrics.counter("portcullis_cache_stored", "Answers this node stored in the cache", cache, ResponseCache::stored);
    return metrics;
  }

  public int port() {
    return port;
  }

  /** How many distinct event loops accept connections: one per core when the instances spread as they should. */
  int eventLoopsServing() {
    return eventLoopsServing;
  }

  /** The bootstrap admin key when this start generated it (first start without PORTCULLIS_ADMIN_KEY). */
  public Optional<String> generatedAdminKey() {
    return generatedAdminKey;
  }

  public RequestLogWriter logWriter() {
    return services.logWriter();
  }

  /**
   * Stops the gateway: stops accepting connections, lets the calls in flight finish (streams included, for
   * {@value GatewayVerticle#DRAIN_SECONDS} s at most), then closes the event loops, flushes the request log and
   * closes the store.
   */
  @Override
  public void close() {
    try {
      Future.all(verticles.stream().map(GatewayVerticle::drain).toList())
          .await(GatewayVerticle.DRAIN_SECONDS + 5, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("calls in flight did not finish cleanly: {}", e.getMessage());
    }
    changes.close();
    try {
      vertx.close().await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("event loops did not stop cleanly: {}", e.getMessage());
    }
    services.logWriter().close();
    services.tracing().ifPresent(OtlpTracing::close);
    try {
      usage.flush();
    } catch (RuntimeException e) {
      LOG.warn("could not record when keys were last used: {}", e.getMessage());
    }
    services.database().close();
  }
}
