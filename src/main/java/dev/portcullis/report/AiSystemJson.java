package dev.portcullis.report;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An AI system as the admin API and the JSON documents show it. */
public final class AiSystemJson {

  private AiSystemJson() {}

  public static ObjectNode describe(AiSystem s) {
    ObjectNode json = s.declaration().toJson();
    ObjectNode out = json.objectNode();
    out.put("id", s.id());
    out.put("object", "ai_system");
    out.put("workspace_id", s.workspaceId());
    out.setAll(json);
    out.put("created_at", s.createdAt().toString());
    out.put("updated_at", s.updatedAt().toString());
    return out;
  }
}
