package dev.portcullis.ui;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The static files pages load, read once from the classpath: the dashboard's own script and style sheet, and htmx and
 * Chart.js from their WebJars. No CDN: the gateway serves them itself. Anything else under the path is a 404.
 */
final class Assets implements Handler<RoutingContext> {

  private record Asset(Buffer bytes, String contentType) {}

  private final Map<String, Asset> files = Map.of(
      "dashboard.js", load("dashboard/dashboard.js", "text/javascript"),
      "dashboard.css", load("dashboard/dashboard.css", "text/css"),
      "htmx.min.js", load("META-INF/resources/webjars/htmx.org/2.0.10/dist/htmx.min.js", "text/javascript"),
      "chart.umd.min.js", load("META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.min.js", "text/javascript"));

  @Override
  public void handle(RoutingContext ctx) {
    Asset asset = files.get(ctx.pathParam("name"));
    if (asset == null) {
      ctx.next();
      return;
    }
    ctx.response().putHeader("content-type", asset.contentType() + "; charset=utf-8")
        .putHeader("cache-control", "public, max-age=3600").end(asset.bytes());
  }

  private static Asset load(String resource, String contentType) {
    try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("dashboard asset " + resource + " is missing from the classpath");
      }
      return new Asset(Buffer.buffer(in.readAllBytes()), contentType);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
