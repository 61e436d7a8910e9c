package dev.portcullis.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A gateway in an operating-system process of its own ({@code portcullis serve} on the shipped classpath), on a free
 * port of the loopback, with the given settings; its output goes to {@code gateway-PORT.out} in its folder.
 */
public final class GatewayProcess implements AutoCloseable {

  private final Process process;
  private final int port;

  private GatewayProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the gateway and waits (60 s at most) until it listens. */
  public static GatewayProcess start(Path dir, Map<String, String> env) throws Exception {
    int port = freePort();
    Path out = dir.resolve("gateway-" + port + ".out");
    ProcessBuilder builder = new ProcessBuilder(CliProcess.java(), "--enable-native-access=ALL-UNNAMED",
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", CliProcess.classpath(), "dev.portcullis.Portcullis",
        "serve").directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().putAll(env);
    builder.environment().put("PORTCULLIS_PORT", Integer.toString(port));
    GatewayProcess gateway = new GatewayProcess(builder.start(), port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!(Files.exists(out) && Files.readString(out, StandardCharsets.UTF_8).contains("listening on"))) {
      assertThat(gateway.process.isAlive()).as("gateway on port %d exited: %s", port,
          Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "").isTrue();
      assertThat(System.nanoTime()).as("gateway on port %d did not start", port).isLessThan(deadline);
      Thread.sleep(Duration.ofMillis(50));
    }
    return gateway;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Kills it at once, as {@code kill -9} does. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
