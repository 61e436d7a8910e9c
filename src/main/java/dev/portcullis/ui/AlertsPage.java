package dev.portcullis.ui;

import io.vertx.core.Future;
import java.util.Map;

/** Alerts: what policies and detectors raised, newest first. */
final class AlertsPage implements Page {

  @Override
  public String title() {
    return "Alerts";
  }

  @Override
  public Future<String> render(PageCall call) {
    return call.admin().get("/admin/v1/alerts").map(alerts -> call.render("alerts",
        Map.of("alerts", alerts.path("data"))));
  }
}
