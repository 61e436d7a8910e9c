package dev.portcullis.admin;

import dev.portcullis.keys.Authenticator;
import dev.portcullis.keys.Tenancy;
import dev.portcullis.policy.PolicyService;
import dev.portcullis.report.Reports;
import io.vertx.ext.web.Router;

/**
 * The admin REST API under {@code /admin/v1}: the OpenAPI document (public), then authentication and scope checks,
 * then every resource. Mount it after a body handler for {@code /admin/v1/*}.
 */
public final class AdminApi {

  private final OpenApiDocument openApi = new OpenApiDocument();
  private final AdminAccess access;
  private final WorkspacesApi workspaces;
  private final UsersApi users;
  private final KeysApi apiKeys;
  private final VirtualKeysApi virtualKeys;
  private final AuditApi audit;
  private final LogsApi logs;
  private final LogsExportApi logsExport;
  private final AnalyticsApi analytics;
  private final ConfigsApi configs;
  private final GuardrailsApi guardrails;
  private final TargetsHealthApi targetsHealth;
  private final PoliciesApi policies;
  private final PricesApi prices;
  private final CacheApi cache;
  private final ReportsApi reports;
  private final AiSystemsApi aiSystems;
  private final AlertsApi alerts;
  private final WebhooksApi webhooks;
  private final AnomalySettingsApi anomalySettings;
  private final PromptsApi prompts;

  public AdminApi(Tenancy tenancy, Authenticator authenticator, LogsApi logs, LogsExportApi logsExport,
      AnalyticsApi analytics, ConfigsApi configs, GuardrailsApi guardrails, TargetsHealthApi targetsHealth,
      PoliciesApi policies, PricesApi prices, PolicyService policyService, CacheApi cache,
      AlertsApi alerts, WebhooksApi webhooks, AnomalySettingsApi anomalySettings, Reports reportService,
      SessionCookies sessions, PromptsApi prompts) {
    this.access = new AdminAccess(authenticator, tenancy, sessions);
    this.workspaces = new WorkspacesApi(tenancy.workspaces(), policyService);
    this.users = new UsersApi(tenancy.users());
    this.apiKeys = new KeysApi(tenancy.apiKeys(), policyService);
    this.virtualKeys = new VirtualKeysApi(tenancy.virtualKeys(), policyService);
    this.audit = new AuditApi(tenancy.audit());
    this.logs = logs;
    this.logsExport = logsExport;
    this.analytics = analytics;
    this.configs = configs;
    this.guardrails = guardrails;
    this.targetsHealth = targetsHealth;
    this.policies = policies;
    this.prices = prices;
    this.cache = cache;
    this.alerts = alerts;
    this.webhooks = webhooks;
    this.anomalySettings = anomalySettings;
    this.reports = new ReportsApi(reportService);
    this.aiSystems = new AiSystemsApi(reportService.aiSystems(), tenancy.workspaces());
    this.prompts = prompts;
  }

  public void mount(Router router) {
    router.get("/admin/v1/openapi.json").handler(openApi);
    router.route("/admin/v1/*").handler(access);
    workspaces.mount(router);
    users.mount(router);
    apiKeys.mount(router);
    virtualKeys.mount(router);
    audit.mount(router);
    router.get("/admin/v1/logs").handler(logs);
    router.get("/admin/v1/logs/export").handler(logsExport);
    router.get("/admin/v1/logs/:id").handler(logs::detail);
    analytics.mount(router);
    configs.mount(router);
    guardrails.mount(router);
    router.get("/admin/v1/targets/health").handler(targetsHealth::handle);
    policies.mount(router);
    prices.mount(router);
    cache.mount(router);
    alerts.mount(router);
    webhooks.mount(router);
    anomalySettings.mount(router);
    reports.mount(router);
    aiSystems.mount(router);
    prompts.mount(router);
  }
}
