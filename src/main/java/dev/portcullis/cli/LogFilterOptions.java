package dev.portcullis.cli;

import dev.portcullis.admin.LogsQueryParser;
import dev.portcullis.observe.RequestLogQuery;
import io.vertx.core.MultiMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The request log filters as flags, the same as {@code GET /admin/v1/logs} takes and checked by the same parser, so
 * a bad value is refused with the same message.
 */
final class LogFilterOptions {

  @Option(names = "--from", description = "Earliest start, inclusive: ISO-8601 instant or epoch milliseconds.")
  String from;

  @Option(names = "--to", description = "Latest start, exclusive: ISO-8601 instant or epoch milliseconds.")
  String to;

  @Option(names = "--model", description = "Model as sent to the provider.")
  String model;

  @Option(names = "--provider", description = "Provider id.")
  String provider;

  @Option(names = "--status", description = "HTTP status returned to the client.")
  String status;

  @Option(names = "--api-key-id", description = "Gateway key id.")
  String apiKeyId;

  @Option(names = "--metadata", description = "key=value a row's metadata must hold; repeat for several.")
  Map<String, String> metadata = new LinkedHashMap<>();

  @Option(names = "--workspace", description = "Rows of this workspace id only (not of the ones below it).")
  String workspace;

  /** The query the flags set. */
  RequestLogQuery.Builder query() {
    MultiMap parameters = MultiMap.caseInsensitiveMultiMap();
    add(parameters, "from", from);
    add(parameters, "to", to);
    add(parameters, "model", model);
    add(parameters, "provider", provider);
    add(parameters, "status", status);
    add(parameters, "api_key_id", apiKeyId);
    metadata.forEach((key, value) -> parameters.add("metadata." + key, value));
    RequestLogQuery.Builder query = LogsQueryParser.parseFilters(parameters, List.of());
    if (workspace != null) {
      query.workspaceIds(Set.of(workspace));
    }
    return query;
  }

  private static void add(MultiMap parameters, String name, String value) {
    if (value != null) {
      parameters.add(name, value);
    }
  }
}
