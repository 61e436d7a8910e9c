package dev.portcullis.mock;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/** One HTTP server on one event loop; several instances on the same port share the accepted connections. */
final class MockServerVerticle extends VerticleBase {

  private final MockRequestHandler handler;
  private final String host;
  private final int port;
  private volatile int actualPort;

  MockServerVerticle(MockRequestHandler handler, String host, int port) {
    this.handler = handler;
    this.host = host;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(host)
        .setPort(port)
        .setTcpNoDelay(true)
        .setHandle100ContinueAutomatically(true);
    return vertx.createHttpServer(options)
        .requestHandler(handler)
        .listen()
        .onSuccess(server -> actualPort = server.actualPort());
  }

  int actualPort() {
    return actualPort;
  }
}
