package dev.portcullis.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /admin/v1/openapi.json}: the OpenAPI 3 description of the admin API, written by hand in
 * {@code admin/openapi.yaml} and served as JSON. A test holds it to the routes actually registered.
 */
public final class OpenApiDocument implements Handler<RoutingContext> {

  private static final String RESOURCE = "/admin/openapi.yaml";

  private final Buffer json;

  OpenApiDocument() {
    this.json = Buffer.buffer(load().toString());
  }

  /** The document as a tree. */
  public static JsonNode load() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response().putHeader("content-type", "application/json").end(json);
  }
}
