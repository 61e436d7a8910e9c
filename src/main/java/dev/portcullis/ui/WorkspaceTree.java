package dev.portcullis.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Workspaces in tree order, each with its depth below the top of what the caller sees. */
record WorkspaceTree(JsonNode workspace, int depth) {

  static List<WorkspaceTree> of(JsonNode workspaces) {
    Set<String> ids = new HashSet<>();
    workspaces.forEach(w -> ids.add(w.path("id").asText()));
    List<WorkspaceTree> ordered = new ArrayList<>();
    for (JsonNode w : workspaces) {
      if (!ids.contains(w.path("parent_id").asText(""))) {
        add(w, 0, workspaces, ordered);
      }
    }
    return ordered;
  }

  private static void add(JsonNode w, int depth, JsonNode all, List<WorkspaceTree> ordered) {
    ordered.add(new WorkspaceTree(w, depth));
    String id = w.path("id").asText();
    for (JsonNode child : all) {
      if (id.equals(child.path("parent_id").asText(null))) {
        add(child, depth + 1, all, ordered);
      }
    }
  }
}
