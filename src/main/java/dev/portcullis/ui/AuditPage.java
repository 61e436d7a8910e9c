package dev.portcullis.ui;

import io.vertx.core.Future;
import java.util.Map;

/** Audit trail: the newest entries, and a button that verifies the hash chain through the admin API. */
final class AuditPage implements Page {

  @Override
  public String title() {
    return "Audit";
  }

  @Override
  public Future<String> render(PageCall call) {
    return call.admin().get("/admin/v1/audit?limit=100").map(audit -> call.render("audit",
        Map.of("entries", audit.path("data"))));
  }
}
