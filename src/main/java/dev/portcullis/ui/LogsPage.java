package dev.portcullis.ui;

import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Logs: the filters of {@code GET /admin/v1/logs} (time, model, provider, status, key, one metadata value), fifty
 * rows a page, newest first; each row links to its detail.
 */
final class LogsPage implements Page {

  static final List<String> FILTERS = List.of("from", "to", "model", "provider", "status", "api_key_id");
  /** What an HTML {@code datetime-local} field sends: read as UTC. */
  private static final Pattern LOCAL_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?");

  @Override
  public String title() {
    return "Logs";
  }

  @Override
  public Future<String> render(PageCall call) {
    Map<String, String> filters = new LinkedHashMap<>();
    for (String name : FILTERS) {
      filters.put(name, call.param(name, ""));
    }
    String metadata = call.param("metadata", "");
    Map<String, String> query = new LinkedHashMap<>(filters);
    for (String time : List.of("from", "to")) {
      String value = query.get(time);
      if (LOCAL_TIME.matcher(value).matches()) {
        query.put(time, value + (value.length() == 16 ? ":00Z" : "Z"));
      }
    }
    if (!metadata.isEmpty()) {
      int equals = metadata.indexOf('=');
      if (equals <= 0) {
        return Future.failedFuture(new AdminRefusal(400, "metadata: '" + metadata
            + "' (expected: key=value, e.g. team=search)"));
      }
      query.put("metadata." + metadata.substring(0, equals), metadata.substring(equals + 1));
    }
    query.put("limit", "50");
    query.put("cursor", call.param("cursor", ""));
    return call.admin().get("/admin/v1/logs" + QueryText.of(query)).map(page -> {
      String next = page.path("next_cursor").asText("");
      Map<String, String> nextQuery = new LinkedHashMap<>(filters);
      nextQuery.put("metadata", metadata);
      nextQuery.put("workspace_id", call.ctx().request().getParam("workspace_id"));
      nextQuery.put("cursor", next);
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("filters", filters);
      params.put("metadata", metadata);
      params.put("rows", page.path("data"));
      params.put("next", next.isEmpty() ? "" : "/dashboard/logs" + QueryText.of(nextQuery));
      return call.render("logs", params);
    });
  }
}
