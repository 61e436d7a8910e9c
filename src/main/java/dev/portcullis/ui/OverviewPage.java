package dev.portcullis.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Overview: requests, errors, cost, latency, time to first token and cache over a chosen period, with charts; the top
 * models, keys, users and values of one metadata key; the alerts. All from the analytics API.
 */
final class OverviewPage implements Page {

  /** The periods offered, and the bucket their charts use. */
  private static final Map<String, Duration> PERIODS = periods();
  /** How many of the newest requests of the period the top metadata values are counted over. */
  static final int METADATA_SAMPLE = 1000;

  @Override
  public String title() {
    return "Overview";
  }

  @Override
  public Future<String> render(PageCall call) {
    String period = call.param("period", "24h");
    Duration length = PERIODS.get(period);
    if (length == null) {
      return Future.failedFuture(new AdminRefusal(400, "period: '" + period + "' (expected: one of "
          + String.join(", ", PERIODS.keySet()) + ")"));
    }
    String bucket = length.compareTo(Duration.ofHours(1)) <= 0 ? "minute"
        : length.compareTo(Duration.ofDays(7)) <= 0 ? "hour" : "day";
    Map<String, String> window = new LinkedHashMap<>();
    window.put("from", call.now().minus(length).toString());
    window.put("to", call.now().toString());
    String query = QueryText.of(window);
    String metadataKey = call.param("metadata_key", "");
    AdminReader admin = call.admin();
    Future<JsonNode> summary = admin.get("/admin/v1/analytics/summary" + query);
    Future<JsonNode> series = admin.get("/admin/v1/analytics/timeseries" + query + "&bucket=" + bucket);
    Future<JsonNode> models = admin.get("/admin/v1/analytics/groups" + query + "&group_by=model");
    Future<JsonNode> keys = admin.get("/admin/v1/analytics/groups" + query + "&group_by=api_key");
    Future<JsonNode> users = admin.get("/admin/v1/analytics/groups" + query + "&group_by=user");
    Future<JsonNode> metadata = metadataKey.isEmpty()
        ? Future.succeededFuture(JsonNodeFactory.instance.objectNode())
        : admin.get("/admin/v1/logs" + query + "&limit=" + METADATA_SAMPLE).map(rows -> metadataGroups(rows,
            metadataKey));
    Future<JsonNode> alerts = admin.get("/admin/v1/alerts?open=true&limit=20");
    return Future.all(List.of(summary, series, models, keys, users, metadata, alerts)).map(all -> {
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("periods", List.copyOf(PERIODS.keySet()));
      params.put("period", period);
      params.put("metadataKey", metadataKey);
      params.put("summary", summary.result());
      params.put("charts", OverviewCharts.of(series.result().path("data")));
      params.put("models", top(models.result()));
      params.put("keys", top(keys.result()));
      params.put("users", top(users.result()));
      params.put("metadata", top(metadata.result()));
      params.put("alerts", alerts.result().path("data"));
      params.put("metadataSample", METADATA_SAMPLE);
      return call.render("overview", params);
    });
  }

  /**
   * Requests and cost per value of metadata key {@code key} among the rows listed, as the analytics API groups them.
   * Metadata is not in the rollups, so grouping a whole period by it reads every row (seconds over a million); the
   * overview counts the newest {@value #METADATA_SAMPLE} requests of the period instead, and says so.
   */
  private static JsonNode metadataGroups(JsonNode rows, String key) {
    Map<String, long[]> requests = new LinkedHashMap<>();
    Map<String, Double> cost = new LinkedHashMap<>();
    for (JsonNode row : rows.path("data")) {
      String value = row.path("metadata").path(key).asText(null);
      requests.computeIfAbsent(value == null ? "(none)" : value, v -> new long[1])[0]++;
      cost.merge(value == null ? "(none)" : value, row.path("cost_usd").asDouble(0), Double::sum);
    }
    ObjectNode groups = JsonNodeFactory.instance.objectNode();
    ArrayNode data = groups.putArray("data");
    requests.forEach((value, count) -> data.addObject().put("value", value).put("requests", count[0])
        .put("cost_usd", cost.get(value)));
    return groups;
  }

  /** The ten groups with the most requests (the API lists every group). */
  private static List<JsonNode> top(JsonNode groups) {
    List<JsonNode> all = new ArrayList<>();
    groups.path("data").forEach(all::add);
    all.sort((a, b) -> Long.compare(b.path("requests").asLong(), a.path("requests").asLong()));
    return all.subList(0, Math.min(10, all.size()));
  }

  private static Map<String, Duration> periods() {
    Map<String, Duration> periods = new LinkedHashMap<>();
    periods.put("1h", Duration.ofHours(1));
    periods.put("24h", Duration.ofHours(24));
    periods.put("7d", Duration.ofDays(7));
    periods.put("30d", Duration.ofDays(30));
    return periods;
  }
}
