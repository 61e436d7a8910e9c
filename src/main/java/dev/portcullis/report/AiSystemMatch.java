package dev.portcullis.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.store.SqlDialect;
import java.util.Collections;
import java.util.List;

/** How an AI system's traffic is told apart in the request log: by gateway keys, by workspaces, or by a metadata value. */
public sealed interface AiSystemMatch {

  /** The SQL condition over {@code request_logs}, with {@code ?} for each of {@link #arguments()}. */
  String condition(SqlDialect dialect);

  List<Object> arguments();

  /** As the API shows it: {@code {"api_keys": [...]}}, {@code {"workspaces": [...]}} or {@code {"metadata": {...}}}. */
  ObjectNode toJson();

  /** Readable, for documents. */
  String describe();

  record ApiKeys(List<String> ids) implements AiSystemMatch {
    public ApiKeys {
      ids = List.copyOf(ids);
    }

    @Override
    public String condition(SqlDialect dialect) {
      return "api_key_id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
    }

    @Override
    public List<Object> arguments() {
      return List.copyOf(ids);
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode json = JsonNodeFactory.instance.objectNode();
      ids.forEach(json.putArray("api_keys")::add);
      return json;
    }

    @Override
    public String describe() {
      return "requests made with the gateway keys " + String.join(", ", ids);
    }
  }

  record Workspaces(List<String> ids) implements AiSystemMatch {
    public Workspaces {
      ids = List.copyOf(ids);
    }

    @Override
    public String condition(SqlDialect dialect) {
      return "workspace_id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
    }

    @Override
    public List<Object> arguments() {
      return List.copyOf(ids);
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode json = JsonNodeFactory.instance.objectNode();
      ids.forEach(json.putArray("workspaces")::add);
      return json;
    }

    @Override
    public String describe() {
      return "requests of the workspaces " + String.join(", ", ids);
    }
  }

  record Metadata(String key, String value) implements AiSystemMatch {
    @Override
    public String condition(SqlDialect dialect) {
      return dialect.metadataValue() + " = ?";
    }

    @Override
    public List<Object> arguments() {
      return List.of(key, value);
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode json = JsonNodeFactory.instance.objectNode();
      json.putObject("metadata").put("key", key).put("value", value);
      return json;
    }

    @Override
    public String describe() {
      return "requests whose metadata " + key + " is '" + value + "'";
    }
  }
}
