package dev.portcullis.prompt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQL for {@code prompts} (every version a row, as routing configs and guardrails keep theirs) and
 * {@code prompt_labels}. Each method works on the caller's connection, so a change and its audit entry commit
 * together.
 */
final class PromptRepository {

  private static final String COLUMNS = "id, workspace_id, slug, name, version, body, created_at";
  private static final String LATEST = "version = (SELECT MAX(version) FROM prompts v WHERE v.id = p.id)";

  void insert(Connection c, Prompt prompt) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO prompts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, prompt.id());
      ps.setString(2, prompt.workspaceId());
      ps.setString(3, prompt.slug());
      ps.setString(4, prompt.name());
      ps.setInt(5, prompt.version());
      ps.setString(6, prompt.definition().toJson().toString());
      ps.setLong(7, prompt.createdAt().toEpochMilli());
      ps.executeUpdate();
    }
  }

  /** A prompt of the workspace by id or slug: its newest version, or the given one. */
  Optional<Prompt> find(Connection c, String workspaceId, String idOrSlug, Integer version) throws SQLException {
    String sql = "SELECT " + COLUMNS + " FROM prompts p WHERE workspace_id = ? AND (id = ? OR slug = ?) AND "
        + (version == null ? LATEST : "version = ?");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, workspaceId);
      ps.setString(2, idOrSlug);
      ps.setString(3, idOrSlug);
      if (version != null) {
        ps.setInt(4, version);
      }
      return read(ps).stream().findFirst();
    }
  }

  /** The newest version of every prompt in a workspace. */
  List<Prompt> listLatest(Connection c, String workspaceId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM prompts p WHERE workspace_id = ? AND "
        + LATEST + " ORDER BY slug")) {
      ps.setString(1, workspaceId);
      return read(ps);
    }
  }

  List<Prompt> versions(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM prompts WHERE id = ? ORDER BY version")) {
      ps.setString(1, id);
      return read(ps);
    }
  }

  void delete(Connection c, String id) throws SQLException {
    try (PreparedStatement labels = c.prepareStatement("DELETE FROM prompt_labels WHERE prompt_id = ?");
        PreparedStatement versions = c.prepareStatement("DELETE FROM prompts WHERE id = ?")) {
      labels.setString(1, id);
      labels.executeUpdate();
      versions.setString(1, id);
      versions.executeUpdate();
    }
  }

  /** Sets a label, replacing what it pointed at before. */
  void putLabel(Connection c, PromptLabel label) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement(
            "DELETE FROM prompt_labels WHERE prompt_id = ? AND label = ?");
        PreparedStatement insert = c.prepareStatement(
            "INSERT INTO prompt_labels (prompt_id, label, versions, updated_at) VALUES (?, ?, ?, ?)")) {
      delete.setString(1, label.promptId());
      delete.setString(2, label.label());
      delete.executeUpdate();
      insert.setString(1, label.promptId());
      insert.setString(2, label.label());
      insert.setString(3, versionsJson(label));
      insert.setLong(4, label.updatedAt().toEpochMilli());
      insert.executeUpdate();
    }
  }

  /** The labels of a prompt, by name. */
  List<PromptLabel> labels(Connection c, String promptId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT prompt_id, label, versions, updated_at FROM prompt_labels WHERE prompt_id = ? ORDER BY label")) {
      ps.setString(1, promptId);
      List<PromptLabel> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new PromptLabel(rs.getString(1), rs.getString(2), versions(rs.getString(3)),
              Instant.ofEpochMilli(rs.getLong(4))));
        }
      }
      return out;
    }
  }

  private static String versionsJson(PromptLabel label) {
    ArrayNode out = PromptDefinition.JSON.createArrayNode();
    label.versions().forEach(v -> out.addObject().put("version", v.version()).put("weight", v.weight()));
    return out.toString();
  }

  private static List<PromptLabel.WeightedVersion> versions(String json) {
    List<PromptLabel.WeightedVersion> out = new ArrayList<>();
    for (JsonNode v : tree(json)) {
      out.add(new PromptLabel.WeightedVersion(v.get("version").asInt(), v.get("weight").asInt()));
    }
    return out;
  }

  private static List<Prompt> read(PreparedStatement ps) throws SQLException {
    List<Prompt> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Prompt(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
            PromptDefinition.parse(tree(rs.getString(6))), Instant.ofEpochMilli(rs.getLong(7))));
      }
    }
    return out;
  }

  private static JsonNode tree(String json) {
    try {
      return PromptDefinition.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored prompt JSON is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
