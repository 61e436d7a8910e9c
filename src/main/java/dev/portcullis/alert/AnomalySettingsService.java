package dev.portcullis.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.observe.AuditEvent;
import dev.portcullis.observe.AuditTrail;
import dev.portcullis.store.Database;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Each workspace's anomaly thresholds: its own row, or {@link AnomalySettings#DEFAULTS}. Changes are audited.
 * Blocking: worker threads only.
 */
public final class AnomalySettingsService {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database database;
  private final AuditTrail audit;
  private final Clock clock;

  public AnomalySettingsService(Database database, AuditTrail audit, Clock clock) {
    this.database = database;
    this.audit = audit;
    this.clock = clock;
  }

  public AnomalySettings find(String workspaceId) {
    return database.read("read anomaly settings", c -> own(c, workspaceId));
  }

  /** Replaces the fields {@code body} names; the others keep their current values. */
  public AnomalySettings update(String workspaceId, JsonNode body, AuditActor actor) {
    Instant now = clock.instant();
    return database.inTransaction("set anomaly settings of workspace '" + workspaceId + "'", c -> {
      AnomalySettings before = own(c, workspaceId);
      AnomalySettings after = AnomalySettings.parse(body, before);
      try (PreparedStatement del = c.prepareStatement("DELETE FROM anomaly_settings WHERE workspace_id = ?");
          PreparedStatement ins = c.prepareStatement("INSERT INTO anomaly_settings (workspace_id, body, updated_at) "
              + "VALUES (?, ?, ?)")) {
        del.setString(1, workspaceId);
        del.executeUpdate();
        ins.setString(1, workspaceId);
        ins.setString(2, after.toJson().toString());
        ins.setLong(3, now.toEpochMilli());
        ins.executeUpdate();
      }
      audit.append(c, actor, new AuditEvent(workspaceId, "workspace.anomaly_settings", "workspace", workspaceId,
          before.toJson(), after.toJson()), now);
      return after;
    });
  }

  /** Every workspace's own settings, for one evaluation of the detectors. */
  public Map<String, AnomalySettings> all() {
    return database.read("read anomaly settings", c -> {
      Map<String, AnomalySettings> out = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT workspace_id, body FROM anomaly_settings");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), stored(rs.getString(2)));
        }
      }
      return out;
    });
  }

  private static AnomalySettings own(Connection c, String workspaceId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT body FROM anomaly_settings WHERE workspace_id = ?")) {
      ps.setString(1, workspaceId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? stored(rs.getString(1)) : AnomalySettings.DEFAULTS;
      }
    }
  }

  private static AnomalySettings stored(String body) {
    try {
      return AnomalySettings.parse(JSON.readTree(body), AnomalySettings.DEFAULTS);
    } catch (IOException e) {
      throw new IllegalStateException("stored anomaly settings are not JSON: " + e.getMessage(), e);
    }
  }
}
