package dev.portcullis.ui;

import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Map;

/** One page request of a signed-in session: its frame, the admin API as the session sees it, and the time. */
record PageCall(RoutingContext ctx, PageFrame frame, AdminReader admin, Templates templates, Instant now) {

  /** The query parameter {@code name}, or {@code fallback} when absent or empty. */
  String param(String name, String fallback) {
    String value = ctx.request().getParam(name);
    return value == null || value.isEmpty() ? fallback : value;
  }

  /** Renders the template {@code name} with the frame and {@code params}. */
  String render(String name, Map<String, Object> params) {
    return templates.render(name, frame, params);
  }
}
