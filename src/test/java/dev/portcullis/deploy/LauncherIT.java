package dev.portcullis.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./portcullis} is a command like any other: run from any directory, it stays there, so {@code --config},
 * {@code PORTCULLIS_DATA_DIR} and every relative path are the caller's; on JDK 25 it starts the gateway with the AOT
 * cache it records once per jar, and on an older JDK without one. {@code ./mvnw} picks the same JDK. Each case runs
 * the real scripts of this checkout on the jar the build just made (they rebuild nothing).
 */
class LauncherIT {

  private static final Path CHECKOUT = Path.of("").toAbsolutePath();
  private static final Path LAUNCHER = CHECKOUT.resolve("portcullis");
  private static final Path JAR = CHECKOUT.resolve("target/portcullis.jar");
  private static final Path AOT = CHECKOUT.resolve("target/portcullis.aot");
  private static final Path JDK = Path.of(System.getProperty("java.home"));

  @TempDir Path caller;

  @Test
  void relativeDataDirectoryAndConfigFileAreTheCallersNotTheCheckouts() throws IOException {
    Files.createDirectories(caller.resolve("conf"));
    Files.writeString(caller.resolve("conf/gateway.yaml"), "data_dir: from-config\n");

    Run byVariable = run(Map.of("PORTCULLIS_DATA_DIR", "from-variable"), "workspaces", "list");
    Run byFile = run(Map.of(), "workspaces", "list", "--config", "conf/gateway.yaml");

    assertThat(byVariable.exit()).as(byVariable.output()).isZero();
    assertThat(byFile.exit()).as(byFile.output()).isZero();
    assertThat(caller.resolve("from-variable/portcullis.db")).exists();
    assertThat(caller.resolve("from-config/portcullis.db")).exists();
    assertThat(CHECKOUT.resolve("from-variable")).doesNotExist();
    assertThat(CHECKOUT.resolve("from-config")).doesNotExist();
  }

  @Test
  void serveRecordsTheAotCacheWhenItIsOlderThanTheJarAndStartsWithIt() throws Exception {
    Files.write(AOT, new byte[] {1, 2, 3});
    Files.setLastModifiedTime(AOT, FileTime.fromMillis(Files.getLastModifiedTime(JAR).toMillis() - 60_000));

    Gateway gateway = serve(Map.of());
    try {
      assertThat(gateway.commandLine()).contains("-XX:AOTCache=" + AOT);
      assertThat(gateway.health()).isEqualTo(200);
    } finally {
      gateway.stop();
    }
    assertThat(gateway.output()).contains("recording the AOT cache").doesNotContain("could not record");
    assertThat(Files.size(AOT)).isGreaterThan(1_000_000);
    assertThat(Files.getLastModifiedTime(AOT)).isGreaterThanOrEqualTo(Files.getLastModifiedTime(JAR));
    assertThat(caller.resolve("served-data/portcullis.db")).exists();
    assertThat(CHECKOUT.resolve("served-data")).doesNotExist();

    Gateway again = serve(Map.of());
    try {
      assertThat(again.commandLine()).contains("-XX:AOTCache=" + AOT);
    } finally {
      again.stop();
    }
    assertThat(again.output()).doesNotContain("recording the AOT cache");
  }

  @Test
  void aotOffRunsWithoutTheCache() throws Exception {
    Gateway gateway = serve(Map.of("PORTCULLIS_AOT", "off"));
    try {
      assertThat(gateway.commandLine()).doesNotContain("AOTCache");
      assertThat(gateway.health()).isEqualTo(200);
    } finally {
      gateway.stop();
    }
    assertThat(gateway.output()).doesNotContain("PORTCULLIS_AOT");
  }

  @Test
  void aJdkOlderThan25RunsWithoutTheCache() throws Exception {
    Gateway gateway = serve(Map.of("JAVA_HOME", jdkCalled("21").toString()));
    try {
      assertThat(gateway.commandLine()).doesNotContain("AOTCache").contains(caller.resolve("jdk-21/bin/java").toString());
      assertThat(gateway.health()).isEqualTo(200);
    } finally {
      gateway.stop();
    }
  }

  @Test
  void mavenWrapperPassesOverADefaultJdkOlderThan21() throws IOException {
    Run maven = run(CHECKOUT.resolve("mvnw"), Map.of("JAVA_HOME", jdkCalled("17").toString()), "--version");

    assertThat(maven.exit()).as(maven.output()).isZero();
    assertThat(maven.output()).contains("Java version: " + Runtime.version().feature());
  }

  /** A JDK home whose release file says {@code version}; its programs are this JDK's. */
  private Path jdkCalled(String version) throws IOException {
    Path home = caller.resolve("jdk-" + version);
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    for (String program : List.of("java", "javac")) {
      Files.createSymbolicLink(home.resolve("bin").resolve(program), JDK.resolve("bin").resolve(program));
    }
    return home;
  }

  private record Run(int exit, String output) {}

  private Run run(Map<String, String> env, String... args) {
    return run(LAUNCHER, env, args);
  }

  private Run run(Path script, Map<String, String> env, String... args) {
    Process process = start(script, env, caller.resolve("run.log"), args);
    try {
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      return new Run(process.exitValue(), Files.readString(caller.resolve("run.log"), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code script args} in the caller's directory, with only PATH, HOME and {@code env} in its environment. */
  private Process start(Path script, Map<String, String> env, Path log, String... args) {
    List<String> command = new ArrayList<>(List.of(script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(caller.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Map<String, String> environment = new HashMap<>();
    for (String name : List.of("PATH", "HOME")) {
      environment.put(name, System.getenv(name));
    }
    environment.putAll(env);
    builder.environment().clear();
    builder.environment().putAll(environment);
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code ./portcullis serve} on a free port, returned once it listens. */
  private Gateway serve(Map<String, String> env) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, String> all = new HashMap<>(Map.of("PORTCULLIS_PORT", Integer.toString(port),
        "PORTCULLIS_DATA_DIR", "served-data", "PORTCULLIS_ADMIN_KEY", "pcl-launcher-admin-key-0123"));
    all.putAll(env);
    Path log = caller.resolve("serve-" + System.nanoTime() + ".log");
    Gateway gateway = new Gateway(start(LAUNCHER, all, log, "serve"), log, port);
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
        .until(() -> gateway.output().contains("Portcullis listening on") || !gateway.process().isAlive());
    assertThat(gateway.process().isAlive()).as(gateway.output()).isTrue();
    return gateway;
  }

  private record Gateway(Process process, Path log, int port) {

    String output() throws IOException {
      return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** The command line of the JVM: the launcher ends by exec'ing it, in the same process. */
    String commandLine() throws IOException {
      return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"), StandardCharsets.UTF_8)
          .replace('\0', ' ');
    }

    int health() throws IOException, InterruptedException {
      try (HttpClient client = HttpClient.newHttpClient()) {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
      }
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
