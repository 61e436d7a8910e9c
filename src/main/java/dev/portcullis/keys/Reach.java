package dev.portcullis.keys;

import dev.portcullis.error.GatewayException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The workspaces a caller may see and change: its home workspace and every descendant. Anything outside is answered
 * exactly as if it did not exist, so a caller learns nothing about other tenants. The CLI, run by the operator on the
 * server, reaches everything.
 */
public record Reach(String home) {

  private static final WorkspaceRepository WORKSPACES = new WorkspaceRepository();

  public static Reach of(Principal caller) {
    return new Reach(caller.workspaceId());
  }

  public static Reach everything() {
    return new Reach(Workspace.ROOT);
  }

  /** The live workspace {@code id} when it is in reach, else a 404 that does not say whether it exists. */
  Workspace require(Connection c, String id) throws SQLException {
    List<Workspace> lineage = WORKSPACES.lineage(c, id);
    if (lineage.stream().noneMatch(w -> w.id().equals(home))) {
      throw notFound("workspace", id);
    }
    return lineage.get(0);
  }

  /** Like {@link #require}, and the workspace must lie strictly below home: what may change its limits or delete it. */
  Workspace requireBelow(Connection c, String id) throws SQLException {
    Workspace w = require(c, id);
    if (w.id().equals(home)) {
      throw GatewayException.forbidden("workspace '" + id + "' is the caller's own; its limits, state and existence "
          + "are managed from its parent workspace (expected: a descendant workspace)");
    }
    return w;
  }

  boolean covers(Connection c, String workspaceId) throws SQLException {
    return WORKSPACES.lineage(c, workspaceId).stream().anyMatch(w -> w.id().equals(home));
  }

  static GatewayException notFound(String what, String id) {
    return GatewayException.notFound(what + " '" + id + "' does not exist");
  }
}
