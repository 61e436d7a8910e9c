package dev.portcullis.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./portcullis image} builds an OCI image tarball with no Docker daemon and no base image: the gateway runs as
 * a user that is not root, on port 8787, with its data in the {@code /data} volume, and the image's own filesystem
 * starts it. The image is built once for the class, by the same script the launcher runs.
 */
class ContainerImageIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CHECKOUT = Path.of("").toAbsolutePath();
  private static final boolean ROOT = "0".equals(exec(List.of("id", "-u"), CHECKOUT).strip());

  @TempDir static Path dir;
  private static Path layout;
  private static JsonNode manifest;
  private static JsonNode config;

  @BeforeAll
  static void buildTheImage() throws IOException {
    Path tarball = dir.resolve("portcullis-image.tar");
    ProcessBuilder build = new ProcessBuilder("bash", CHECKOUT.resolve("deploy/image/build.sh").toString(),
        tarball.toString());
    build.environment().put("JAVA_HOME", System.getProperty("java.home"));
    exec(build);
    layout = Files.createDirectories(dir.resolve("layout"));
    exec(List.of("tar", "-xf", tarball.toString()), layout);
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    manifest = JSON.readTree(blob(index.path("manifests").path(0).path("digest").asText()).toFile());
    config = JSON.readTree(blob(manifest.path("config").path("digest").asText()).toFile());
  }

  @Test
  void theConfigRunsTheGatewayAsAUserThatIsNotRootOnPort8787WithDataInAVolume() {
    JsonNode run = config.path("config");

    assertThat(run.path("User").asText()).isEqualTo("65532:65532");
    assertThat(run.path("ExposedPorts").has("8787/tcp")).isTrue();
    assertThat(run.path("Volumes").has("/data")).isTrue();
    assertThat(strings(run.path("Env"))).contains("PORTCULLIS_DATA_DIR=/data", "PORTCULLIS_HOST=0.0.0.0");
    assertThat(strings(run.path("Entrypoint"))).startsWith("/opt/java/bin/java").endsWith("-jar",
        "/app/portcullis.jar");
    assertThat(strings(run.path("Cmd"))).containsExactly("serve");
    assertThat(config.path("os").asText()).isEqualTo("linux");
  }

  @Test
  void everyLayerIsTheBlobItsDigestNamesAndDockerLoadSeesTheSameImage() throws IOException {
    JsonNode layers = manifest.path("layers");
    JsonNode diffIds = config.path("rootfs").path("diff_ids");

    assertThat(layers).hasSize(diffIds.size()).hasSizeGreaterThanOrEqualTo(3);
    for (int i = 0; i < layers.size(); i++) {
      Path blob = blob(layers.path(i).path("digest").asText());
      assertThat(Files.size(blob)).isEqualTo(layers.path(i).path("size").asLong());
      try (InputStream tar = new GZIPInputStream(Files.newInputStream(blob))) {
        assertThat("sha256:" + sha256(tar)).isEqualTo(diffIds.path(i).asText());
      }
    }
    JsonNode docker = JSON.readTree(layout.resolve("manifest.json").toFile()).path(0);
    assertThat(docker.path("Config").asText()).isEqualTo(path(manifest.path("config").path("digest").asText()));
    assertThat(strings(docker.path("Layers"))).containsExactlyElementsOf(
        strings(layers.findValues("digest")).stream().map(ContainerImageIT::path).toList());
    assertThat(strings(docker.path("RepoTags"))).containsExactly("portcullis:latest");
  }

  @Test
  void theUserOwnsTheDataVolumeAndNothingElse() {
    String base = exec(List.of("tar", "-tvzf", blob(manifest.path("layers").path(0).path("digest").asText())
        .toString()), layout);

    assertThat(base).containsPattern("drwxr-xr-x 65532/65532 .* \\./data/\\n");
    assertThat(base).containsPattern("-rw-r--r-- 0/0 .* \\./etc/passwd\\n");
    assertThat(base.lines().filter(l -> l.contains("65532/65532")).count()).isEqualTo(2);
  }

  @Test
  void theImagesOwnFilesystemStartsTheGateway() throws Exception {
    Path root = Files.createDirectories(dir.resolve("rootfs"));
    for (JsonNode layer : manifest.path("layers")) {
      exec(List.of("tar", "-xzf", blob(layer.path("digest").asText()).toString(), "-C", root.toString()), layout);
    }
    assertThat(root.resolve("etc/passwd")).content().contains("portcullis:x:65532:65532:");
    if (!ROOT) {
      // chroot needs root: without it, the unpacked runtime at least runs on this machine's kernel and C library.
      assertThat(exec(List.of(root.resolve("opt/java/bin/java").toString(), "-version"), root)).contains("version");
      return;
    }
    assertThat(manifest.path("layers")).as("the AOT cache layer, recorded when built as root").hasSize(4);
    // What a container runtime provides: the device files the JVM reads.
    exec(List.of("mknod", "-m", "666", root.resolve("dev/null").toString(), "c", "1", "3"), root);
    exec(List.of("mknod", "-m", "666", root.resolve("dev/urandom").toString(), "c", "1", "9"), root);
    exec(List.of("mknod", "-m", "666", root.resolve("dev/random").toString(), "c", "1", "8"), root);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    // What a container runtime does: /proc in a mount namespace of the process's own, then its root and its user.
    List<String> command = new ArrayList<>(List.of(program("unshare"), "--mount-proc=" + root.resolve("proc"),
        program("chroot"), "--userspec=65532:65532", root.toString()));
    command.addAll(strings(config.path("config").path("Entrypoint")));
    command.addAll(strings(config.path("config").path("Cmd")));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("container.log").toFile());
    builder.environment().clear();
    for (String variable : strings(config.path("config").path("Env"))) {
      builder.environment().put(variable.substring(0, variable.indexOf('=')),
          variable.substring(variable.indexOf('=') + 1));
    }
    builder.environment().put("PORTCULLIS_HOST", "127.0.0.1");
    builder.environment().put("PORTCULLIS_PORT", Integer.toString(port));
    // The JVM refuses to start rather than run without the cache: proof that it fits this runtime and this jar.
    builder.environment().merge("JDK_JAVA_OPTIONS", " -XX:AOTMode=on", String::concat);
    Process gateway = builder.start();
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
          .until(() -> !gateway.isAlive() || client.send(health, HttpResponse.BodyHandlers.ofString()).statusCode()
              == 200);
      assertThat(gateway.isAlive()).as(Files.readString(dir.resolve("container.log"))).isTrue();
      assertThat(root.resolve("data/portcullis.db")).exists();
    } finally {
      gateway.destroy();
      if (!gateway.waitFor(30, TimeUnit.SECONDS)) {
        gateway.destroyForcibly();
      }
    }
  }

  /** Where this machine keeps {@code name}: the image's environment replaces PATH, which may not hold sbin. */
  private static String program(String name) {
    return Stream.concat(Arrays.stream(System.getenv("PATH").split(File.pathSeparator)), Stream.of("/usr/sbin", "/sbin"))
        .map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst().orElseThrow().toString();
  }

  private static Path blob(String digest) {
    return layout.resolve(path(digest));
  }

  private static String path(String digest) {
    return "blobs/sha256/" + digest.substring("sha256:".length());
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static List<String> strings(List<JsonNode> nodes) {
    return nodes.stream().map(JsonNode::asText).toList();
  }

  private static String sha256(InputStream in) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String exec(List<String> command, Path in) {
    return exec(new ProcessBuilder(command).directory(in.toFile()));
  }

  /** Runs a command to its end (10 minutes at most) and returns what it printed; fails the test on a non-zero exit. */
  private static String exec(ProcessBuilder builder) {
    try {
      Path output = Files.createTempFile("portcullis-image-it", ".log");
      Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      boolean ended = process.waitFor(10, TimeUnit.MINUTES);
      String printed = Files.readString(output, StandardCharsets.UTF_8);
      Files.delete(output);
      assertThat(ended && process.exitValue() == 0).as(String.join(" ", builder.command()) + "\n" + printed).isTrue();
      return printed;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
