package dev.portcullis.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The overview's charts as Chart.js configurations (JSON the page hands to its script in a data attribute): requests
 * and errors, latency p50 and p99 with time to first token, and cost, per bucket of an analytics time series.
 */
record OverviewCharts(String traffic, String latency, String cost) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static OverviewCharts of(JsonNode series) {
    return new OverviewCharts(
        chart(series, "line", new String[] {"Requests", "Errors"}, new String[] {"requests", "errors"}),
        chart(series, "line", new String[] {"Latency p50 (ms)", "Latency p99 (ms)", "TTFT p50 (ms)"},
            new String[] {"latency_ms.p50", "latency_ms.p99", "ttft_ms.p50"}),
        chart(series, "bar", new String[] {"Cost (USD)"}, new String[] {"cost_usd"}));
  }

  private static String chart(JsonNode series, String type, String[] labels, String[] fields) {
    ObjectNode config = JSON.createObjectNode();
    config.put("type", type);
    ObjectNode data = config.putObject("data");
    ArrayNode times = data.putArray("labels");
    series.forEach(point -> times.add(point.path("start").asText()));
    ArrayNode datasets = data.putArray("datasets");
    for (int i = 0; i < fields.length; i++) {
      ObjectNode dataset = datasets.addObject();
      dataset.put("label", labels[i]);
      ArrayNode values = dataset.putArray("data");
      String[] path = fields[i].split("\\.");
      for (JsonNode point : series) {
        JsonNode value = point;
        for (String step : path) {
          value = value.path(step);
        }
        values.add(value.isNumber() ? value : JSON.getNodeFactory().nullNode());
      }
    }
    return config.toString();
  }
}
