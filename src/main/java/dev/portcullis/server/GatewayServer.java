package dev.portcullis.server;

import dev.portcullis.admin.ConfigsApi;
import dev.portcullis.admin.KeysApi;
import dev.portcullis.admin.TargetsHealthApi;
import dev.portcullis.admin.LogsApi;
import dev.portcullis.admin.VirtualKeysApi;
import dev.portcullis.config.GatewayConfig;
import dev.portcullis.keys.ApiKeyRepository;
import dev.portcullis.keys.ApiKeyService;
import dev.portcullis.keys.Authenticator;
import dev.portcullis.keys.MasterKeySource;
import dev.portcullis.keys.Vault;
import dev.portcullis.keys.VirtualKeyRepository;
import dev.portcullis.keys.VirtualKeyResolver;
import dev.portcullis.keys.VirtualKeyService;
import dev.portcullis.observe.RequestLogRepository;
import dev.portcullis.observe.RequestLogWriter;
import dev.portcullis.routing.CustomHostGuard;
import dev.portcullis.routing.ServerProviders;
import dev.portcullis.routing.PlanSource;
import dev.portcullis.routing.TargetResolver;
import dev.portcullis.routing.config.BreakerRegistry;
import dev.portcullis.routing.smart.ModelCatalog;
import dev.portcullis.routing.smart.ProviderScores;
import dev.portcullis.routing.smart.SmartRouter;
import dev.portcullis.routing.config.BreakerSettings;
import dev.portcullis.routing.saved.SavedConfigRepository;
import dev.portcullis.routing.saved.SavedConfigService;
import dev.portcullis.routing.saved.SavedConfigs;
import dev.portcullis.store.Database;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: opens the store, prepares keys and routing, and serves HTTP on every event loop. Closing it
 * stops accepting, then flushes the request log before the store closes, so nothing recorded is lost.
 */
public final class GatewayServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

  private final Vertx vertx;
  private final GatewayServices services;
  private final int port;
  private final Optional<String> generatedAdminKey;

  private GatewayServer(Vertx vertx, GatewayServices services, int port, Optional<String> generatedAdminKey) {
    this.vertx = vertx;
    this.services = services;
    this.port = port;
    this.generatedAdminKey = generatedAdminKey;
  }

  /** Starts the gateway and returns once it listens. Port 0 picks a free port, shared by every event loop. */
  public static GatewayServer start(GatewayConfig config) {
    Clock clock = Clock.systemUTC();
    ServerProviders serverProviders = new ServerProviders(config.providers());
    Vault vault = new Vault(MasterKeySource.load(config.masterKey(), config.dataDir()));
    Database database = Database.open(config.databaseUrl());
    RequestLogWriter logWriter = null;
    Vertx vertx = null;
    try {
      ApiKeyRepository apiKeys = new ApiKeyRepository(database.dataSource());
      ApiKeyService keyService = new ApiKeyService(apiKeys, clock);
      Optional<String> generated = keyService.ensureBootstrapAdmin(config.adminKey());
      logWriter = RequestLogWriter.start(database.dataSource());

      int cores = Runtime.getRuntime().availableProcessors();
      vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(cores));
      Authenticator authenticator = new Authenticator(apiKeys, vertx, clock);
      VirtualKeyService vkService = new VirtualKeyService(new VirtualKeyRepository(database.dataSource()), vault, clock);
      VirtualKeyResolver vkResolver = new VirtualKeyResolver(vkService, vertx);
      TargetResolver resolver = new TargetResolver(serverProviders, vkResolver,
          new CustomHostGuard(vertx, config.trustedHosts()));
      SavedConfigService configService = new SavedConfigService(new SavedConfigRepository(database.dataSource()), clock);
      SavedConfigs savedConfigs = new SavedConfigs(configService, vertx);
      BreakerRegistry breakers = new BreakerRegistry(BreakerSettings.DEFAULTS);
      ProviderScores scores = new ProviderScores();
      SmartRouter smartRouter = new SmartRouter(config.modelCatalog() == null ? ModelCatalog.bundled()
          : ModelCatalog.load(config.modelCatalog()), scores, id -> serverProviders.find(id).isPresent());
      GatewayServices services = new GatewayServices(config, database, authenticator, resolver,
          new PlanSource(savedConfigs), smartRouter, scores, breakers, logWriter,
          new KeysApi(keyService, authenticator), new VirtualKeysApi(vkService, vkResolver),
          new ConfigsApi(configService, savedConfigs), new TargetsHealthApi(breakers),
          new LogsApi(new RequestLogRepository(database)));

      List<GatewayVerticle> verticles = new CopyOnWriteArrayList<>();
      int bind = config.port() == 0 ? -1 : config.port();
      vertx.deployVerticle(() -> {
        GatewayVerticle v = new GatewayVerticle(services, bind);
        verticles.add(v);
        return v;
      }, new DeploymentOptions().setInstances(cores)).await(30, TimeUnit.SECONDS);
      int port = verticles.getFirst().actualPort();
      LOG.info("gateway started on {}:{} (database {}, providers {})", config.host(), port,
          database, serverProviders.ids());
      return new GatewayServer(vertx, services, port, generated);
    } catch (Exception e) {
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

  public int port() {
    return port;
  }

  /** The bootstrap admin key when this start generated it (first start without PORTCULLIS_ADMIN_KEY). */
  public Optional<String> generatedAdminKey() {
    return generatedAdminKey;
  }

  public RequestLogWriter logWriter() {
    return services.logWriter();
  }

  @Override
  public void close() {
    try {
      vertx.close().await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("event loops did not stop cleanly: {}", e.getMessage());
    }
    services.logWriter().close();
    services.database().close();
  }
}
