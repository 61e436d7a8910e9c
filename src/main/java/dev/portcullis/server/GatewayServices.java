package dev.portcullis.server;

import dev.portcullis.admin.AdminApi;
import dev.portcullis.alert.AlertService;
import dev.portcullis.alert.AnomalyDetector;
import dev.portcullis.alert.PolicyAlertCooldown;
import dev.portcullis.cache.ResponseCache;
import dev.portcullis.config.GatewayConfig;
import dev.portcullis.guard.GuardrailSource;
import dev.portcullis.keys.Authenticator;
import dev.portcullis.observe.GatewayMetrics;
import dev.portcullis.observe.RequestLogWriter;
import dev.portcullis.observe.RequestListener;
import dev.portcullis.observe.trace.OtlpTracing;
import dev.portcullis.policy.Governance;
import dev.portcullis.policy.LimitSettlement;
import dev.portcullis.prompt.PromptService;
import dev.portcullis.provider.ProviderAdapters;
import dev.portcullis.routing.CustomHostGuard;
import dev.portcullis.routing.PlanSource;
import dev.portcullis.routing.TargetResolver;
import dev.portcullis.routing.config.BreakerRegistry;
import dev.portcullis.routing.smart.ProviderScores;
import dev.portcullis.routing.smart.ProviderKeys;
import dev.portcullis.routing.smart.SmartRouter;
import dev.portcullis.store.Database;
import dev.portcullis.time.GatewayClock;
import dev.portcullis.ui.Dashboard;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    BodyReader bodies,
    GuardrailSource guardrails,
    ResponseCache cache,
    GatewayClock clock,
    Extensions extensions,
    Governance governance,
    AlertService alerts,
    PolicyAlertCooldown policyAlertCooldown,
    AnomalyDetector anomalies,
    CustomHostGuard hostGuard,
    Dashboard dashboard,
    Optional<OtlpTracing> tracing,
    PromptService prompts) {

  /**
   * Who hears every call's events: breakers and health scores steer routing, limits settle, the log and the metrics
   * record, the anomaly detectors count, and traces when they are on.
   */
  RequestListener listener() {
    List<RequestListener> all = new ArrayList<>(List.of(breakers, scores, new LimitSettlement(governance.limits()),
        logWriter, metrics, anomalies));
    tracing.ifPresent(t -> all.add(t.listener()));
    all.addAll(extensions.listeners());
    return RequestListener.of(all);
  }

  /** Ready means the database answers and the log writer runs. Blocking. */
  boolean ready() {
    return database.isReachable() && logWriter.healthy();
  }
}
