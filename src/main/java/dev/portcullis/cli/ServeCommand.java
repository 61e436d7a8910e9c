package dev.portcullis.cli;

import dev.portcullis.config.ConfigLoader;
import dev.portcullis.config.GatewayConfig;
import dev.portcullis.server.GatewayServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code portcullis serve}: runs the gateway until SIGINT/SIGTERM, then shuts down gracefully. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Start the gateway (default http://127.0.0.1:8787, SQLite under ./data).")
public final class ServeCommand implements Callable<Integer> {

  @Option(names = {"-c", "--config"}, description = "YAML config file (default: ./portcullis.yaml if present)")
  Path configFile;

  @Override
  public Integer call() throws InterruptedException {
    GatewayConfig config = new ConfigLoader(System.getenv()).load(configFile);
    GatewayServer server = GatewayServer.start(config);
    server.generatedAdminKey().ifPresent(key -> {
      System.out.println("Bootstrap admin key (shown once; store it now, or set PORTCULLIS_ADMIN_KEY):");
      System.out.println("  " + key);
    });
    System.out.println("Portcullis listening on http://" + config.host() + ":" + server.port());
    System.out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "portcullis-shutdown"));
    stopped.await();
    return 0;
  }
}
