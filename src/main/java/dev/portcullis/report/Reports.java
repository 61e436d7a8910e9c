package dev.portcullis.report;

import dev.portcullis.config.GatewayConfig;
import dev.portcullis.keys.WorkspaceService;
import dev.portcullis.store.Database;
import java.time.Clock;
import java.time.Instant;

/**
 * The reports as the admin API and the CLI ask for them: the same facts from the same store, so a report fetched
 * over HTTP and one written by {@code portcullis report} agree. Blocking: worker threads only.
 */
public final class Reports {

  private final WorkspaceService workspaces;
  private final SecurityFactsReader security;
  private final AiActFactsReader aiAct;
  private final AiSystemService aiSystems;
  private final Clock clock;

  public Reports(Database database, WorkspaceService workspaces, GatewayConfig config, Clock clock) {
    AlertSource alerts = new StoredAlertSource();
    this.workspaces = workspaces;
    this.security = new SecurityFactsReader(database, alerts, config.organisationName());
    this.aiAct = new AiActFactsReader(database, alerts, config.organisationName(), config.logRetentionDays(),
        config.bodyRetentionDays());
    this.aiSystems = new AiSystemService(database, workspaces, clock);
    this.clock = clock;
  }

  public AiSystemService aiSystems() {
    return aiSystems;
  }

  public Instant now() {
    return clock.instant();
  }

  /** The security report of {@code workspaceId} and the workspaces below it. */
  public SecurityFacts security(String workspaceId, ReportPeriod period) {
    return security.read(workspaceId, workspaces.subtreeIds(workspaceId), period, clock.instant());
  }

  /** The facts of the AI system {@code systemId}, seen from {@code workspaceId} (404 when it lies outside). */
  public AiActFacts aiAct(String systemId, String workspaceId, ReportPeriod period) {
    AiSystem system = aiSystems.find(systemId, workspaceId);
    return aiAct.read(system, workspaces.subtreeIds(system.workspaceId()), period, clock.instant());
  }
}
