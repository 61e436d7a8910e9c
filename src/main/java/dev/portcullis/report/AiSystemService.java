package dev.portcullis.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.WorkspaceService;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.observe.AuditEvent;
import dev.portcullis.observe.AuditTrail;
import dev.portcullis.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The register of AI systems in {@code ai_systems}. A system belongs to a workspace and is seen from it and its
 * ancestors; what it matches must lie within its workspace's subtree. Every change is audited in the same
 * transaction. Blocking: worker threads only.
 */
public final class AiSystemService {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS = "id, workspace_id, body, created_at, updated_at";

  private final Database database;
  private final WorkspaceService workspaces;
  private final AuditTrail audit = new AuditTrail();
  private final Clock clock;

  public AiSystemService(Database database, WorkspaceService workspaces, Clock clock) {
    this.database = database;
    this.workspaces = workspaces;
    this.clock = clock;
  }

  public AiSystem create(ObjectNode body, String workspaceId, AuditActor actor) {
    AiSystemDeclaration declaration = AiSystemDeclaration.parse(body);
    List<String> subtree = workspaces.subtreeIds(workspaceId);
    Instant now = clock.instant();
    AiSystem system = new AiSystem("ais_" + UUID.randomUUID().toString().replace("-", ""), workspaceId, declaration,
        now, now);
    return database.inTransaction("register AI system '" + declaration.name() + "'", c -> {
      requireWithin(c, declaration.match(), subtree);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO ai_systems (" + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?)")) {
        ps.setString(1, system.id());
        ps.setString(2, workspaceId);
        ps.setString(3, declaration.toJson().toString());
        ps.setLong(4, now.toEpochMilli());
        ps.setLong(5, now.toEpochMilli());
        ps.executeUpdate();
      }
      audit.append(c, actor, new AuditEvent(workspaceId, "ai_system.create", "ai_system", system.id(), null,
          declaration.toJson()), now);
      return system;
    });
  }

  /** Replaces the fields the patch names (null clears an optional one) and keeps the others. */
  public AiSystem update(String id, ObjectNode patch, String workspaceId, AuditActor actor) {
    AiSystem before = find(id, workspaceId);
    ObjectNode merged = before.declaration().toJson();
    merged.setAll(patch);
    AiSystemDeclaration declaration = AiSystemDeclaration.parse(merged);
    List<String> subtree = workspaces.subtreeIds(before.workspaceId());
    Instant now = clock.instant();
    AiSystem after = new AiSystem(id, before.workspaceId(), declaration, before.createdAt(), now);
    return database.inTransaction("update AI system '" + id + "'", c -> {
      requireWithin(c, declaration.match(), subtree);
      try (PreparedStatement ps = c.prepareStatement("UPDATE ai_systems SET body = ?, updated_at = ? WHERE id = ?")) {
        ps.setString(1, declaration.toJson().toString());
        ps.setLong(2, now.toEpochMilli());
        ps.setString(3, id);
        ps.executeUpdate();
      }
      audit.append(c, actor, new AuditEvent(before.workspaceId(), "ai_system.update", "ai_system", id,
          before.declaration().toJson(), declaration.toJson()), now);
      return after;
    });
  }

  /** The system, when it belongs to {@code workspaceId} or a workspace below it; else 404. */
  public AiSystem find(String id, String workspaceId) {
    List<String> subtree = workspaces.subtreeIds(workspaceId);
    return database.read("read AI system '" + id + "'", c -> select(c, "id = ?", List.of(id))).stream()
        .filter(s -> subtree.contains(s.workspaceId())).findFirst()
        .orElseThrow(() -> GatewayException.notFound("AI system '" + id + "' does not exist"));
  }

  /** The systems of {@code workspaceId} and the workspaces below it, oldest first. */
  public List<AiSystem> list(String workspaceId) {
    List<String> subtree = workspaces.subtreeIds(workspaceId);
    return database.read("list AI systems", c -> select(c, SecurityFactsReader.in("workspace_id", subtree),
        subtree));
  }

  /** Refuses workspaces or keys the system's workspace does not reach: their traffic is not its to document. */
  private static void requireWithin(Connection c, AiSystemMatch match, List<String> subtree) throws SQLException {
    if (match instanceof AiSystemMatch.Workspaces w) {
      for (String id : w.ids()) {
        if (!subtree.contains(id)) {
          throw GatewayException.badRequest("match.workspaces: '" + id + "' is not the AI system's workspace or "
              + "one below it (expected: some of " + String.join(", ", subtree) + ")", "match");
        }
      }
    }
    if (match instanceof AiSystemMatch.ApiKeys k) {
      for (String id : k.ids()) {
        try (PreparedStatement ps = c.prepareStatement("SELECT workspace_id FROM api_keys WHERE id = ?")) {
          ps.setString(1, id);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || !subtree.contains(rs.getString(1))) {
              throw GatewayException.badRequest("match.api_keys: '" + id + "' is not a gateway key of the AI "
                  + "system's workspace or one below it (expected: the id of such a key)", "match");
            }
          }
        }
      }
    }
  }

  private static List<AiSystem> select(Connection c, String where, List<String> arguments) throws SQLException {
    List<AiSystem> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM ai_systems WHERE " + where
        + " ORDER BY created_at, id")) {
      for (int i = 0; i < arguments.size(); i++) {
        ps.setString(i + 1, arguments.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new AiSystem(rs.getString(1), rs.getString(2), declaration(rs.getString(3)),
              Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5))));
        }
      }
    }
    return out;
  }

  private static AiSystemDeclaration declaration(String body) {
    try {
      return AiSystemDeclaration.parse((ObjectNode) JSON.readTree(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored AI system is not JSON: " + e.getMessage(), e);
    }
  }
}
