package dev.portcullis.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.cache.MemoryCacheStore;
import dev.portcullis.cache.ResponseCache;
import dev.portcullis.cache.SemanticCache;
import dev.portcullis.cluster.LocalChangeBus;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.guard.saved.SavedGuardrailService;
import dev.portcullis.keys.Tenancy;
import dev.portcullis.keys.Vault;
import dev.portcullis.net.HostPolicy;
import dev.portcullis.observe.AuditTrail;
import dev.portcullis.observe.RequestLogRepository;
import dev.portcullis.observe.analytics.Analytics;
import dev.portcullis.policy.Governance;
import dev.portcullis.policy.Limits;
import dev.portcullis.policy.LocalCounters;
import dev.portcullis.policy.PolicyService;
import dev.portcullis.policy.PriceCatalog;
import dev.portcullis.policy.PriceService;
import dev.portcullis.policy.RedisFailureMode;
import dev.portcullis.report.Reports;
import dev.portcullis.routing.config.BreakerRegistry;
import dev.portcullis.routing.config.BreakerSettings;
import dev.portcullis.routing.saved.SavedConfigService;
import dev.portcullis.prompt.PromptService;
import dev.portcullis.store.Database;
import dev.portcullis.time.GatewayClock;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import dev.portcullis.alert.AlertService;
import dev.portcullis.alert.AnomalySettingsService;
import dev.portcullis.alert.WebhookService;
import dev.portcullis.observe.AuditTrail;
import dev.portcullis.routing.config.BreakerRegistry;
import dev.portcullis.time.GatewayClock;
import dev.portcullis.routing.config.BreakerSettings;
import dev.portcullis.routing.saved.SavedConfigService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document describes exactly the admin routes the server registers: none missing, none extra. */
class AdminOpenApiTest {

  @TempDir Path dir;

  @Test
  void documentedOperationsAreExactlyTheRegisteredRoutes() {
    Vertx vertx = Vertx.vertx();
    try (Database database = Database.open("jdbc:sqlite:" + dir.resolve("p.db"))) {
      Tenancy tenancy = new Tenancy(database, new Vault(new byte[32]), new LocalChangeBus(), Clock.systemUTC(),
        HostPolicy.forThisHost(List.of()));
      Router router = Router.router(vertx);
      SavedConfigService configService = new SavedConfigService(database, new AuditTrail(), new LocalChangeBus(),
          Clock.systemUTC());
      Governance governance = new Governance(database, PriceCatalog.bundled(),
          new Limits(new LocalCounters(System::currentTimeMillis), RedisFailureMode.DEFAULT));
      PolicyService policies = new PolicyService(database, new AuditTrail(), new LocalChangeBus(), Clock.systemUTC(),
          governance);
      new AdminApi(tenancy, tenancy.authenticator(vertx),
          new LogsApi(new RequestLogRepository(database), tenancy.workspaces()::subtreeIds),
          new LogsExportApi(new RequestLogRepository(database), tenancy.workspaces()::subtreeIds),
          new AnalyticsApi(new Analytics(database), tenancy.workspaces()::subtreeIds, GatewayClock.system()),
          new ConfigsApi(configService, tenancy.workspaces()),
          new GuardrailsApi(new SavedGuardrailService(database, new AuditTrail(), new LocalChangeBus(),
              Clock.systemUTC()), tenancy.workspaces()),
          new TargetsHealthApi(new BreakerRegistry(BreakerSettings.DEFAULTS, GatewayClock.system())),
          new PoliciesApi(policies, governance, tenancy.workspaces(), Clock.systemUTC()),
          new PricesApi(new PriceService(database, new AuditTrail(), new LocalChangeBus(), Clock.systemUTC(),
              governance)), policies,
          new CacheApi(new ResponseCache(new MemoryCacheStore(1 << 20, GatewayClock.system()),
              new SemanticCache(1 << 20, GatewayClock.system()), new LocalChangeBus()),
              tenancy.workspaces()::subtreeIds, tenancy.audit(), new Analytics(database), Clock.systemUTC()),
          new AlertsApi(new AlertService(database, new AuditTrail(), Clock.systemUTC()),
              tenancy.workspaces()::subtreeIds),
          new WebhooksApi(new WebhookService(database, new Vault(new byte[32]), HostPolicy.forThisHost(List.of()),
              new AuditTrail(), Clock.systemUTC()), tenancy.workspaces()),
          new AnomalySettingsApi(new AnomalySettingsService(database, new AuditTrail(), Clock.systemUTC()),
              tenancy.workspaces()),
          new Reports(database, tenancy.workspaces(), new ConfigLoader(Map.of()).resolve(null), Clock.systemUTC()),
          new SessionCookies(new byte[32], Clock.systemUTC()),
          new PromptsApi(new PromptService(database, new AuditTrail(), Clock.systemUTC()), tenancy.workspaces()))
          .mount(router);

      Set<String> registered = new TreeSet<>();
      for (Route route : router.getRoutes()) {
        if (route.getPath() == null || route.methods() == null || route.methods().isEmpty()) {
          continue;
        }
        for (HttpMethod method : route.methods()) {
          registered.add(method.name() + " " + route.getPath().replaceAll(":(\\w+)", "{$1}"));
        }
      }

      JsonNode doc = OpenApiDocument.load();
      Set<String> documented = new TreeSet<>();
      doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
        if (!op.getKey().equals("parameters")) {
          documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
          assertThat(op.getValue().path("responses").size()).as(op.getKey() + " " + path.getKey()).isPositive();
        }
      }));

      assertThat(registered).isNotEmpty().allMatch(r -> r.contains(" /admin/v1/"));
      assertThat(documented).as("documented but not registered").isSubsetOf(registered);
      assertThat(registered).as("registered but not documented").isSubsetOf(documented);
      assertThat(doc.path("openapi").asText()).startsWith("3.");
    } finally {
      vertx.close().await();
    }
  }
}
