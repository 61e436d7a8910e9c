package dev.portcullis.docs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.mock.MockUpstream;
import dev.portcullis.mock.MockUpstreamOptions;
import dev.portcullis.testing.CliProcess;
import io.vertx.core.Vertx;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs pages' shell examples the way a reader would, top to bottom, in one fresh working directory (its {@code data/}
 * is the gateway's data directory) against one gateway and the bundled mock upstream. The gateway runs as its own
 * process, started by {@code ./portcullis serve} (a stand-in for the launcher that runs the CLI from the test
 * classpath) with the settings of quickstart.md's mock example; every page starts against a gateway with those
 * settings (restarted when the page before changed them), and a page's {@code ./portcullis serve} line restarts it
 * with the line's settings for the rest of the page. Conventions for
 * page authors: docs/doc-tests.md.
 */
final class DocHarness implements AutoCloseable {

  /** The admin key every page uses as {@code $PORTCULLIS_ADMIN_KEY}. */
  static final String ADMIN_KEY = "pcl-doc-test-admin-key-0123456789";

  private static final String DOCUMENTED_GATEWAY = "(?:127\\.0\\.0\\.1|localhost):8787";
  private static final String DOCUMENTED_MOCK = "(?:127\\.0\\.0\\.1|localhost):9000";
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");
  private static final long BLOCK_TIMEOUT_SECONDS = 300;

  /** Where the mock answers as each native provider (mock-upstream.md); OpenAI-wire providers use {@code /v1}. */
  private static final Map<String, String> NATIVE_MOCK_PATHS = Map.ofEntries(
      Map.entry("anthropic", "/v1"), Map.entry("google", "/v1beta"), Map.entry("gemini", "/v1beta"),
      Map.entry("vertex-ai", "/v1"), Map.entry("vertex", "/v1"), Map.entry("bedrock", ""),
      Map.entry("aws-bedrock", ""), Map.entry("azure-openai", "/openai"), Map.entry("azure", "/openai"),
      Map.entry("cohere", "/v2"));

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path work;
  private final Path state;
  private final Vertx vertx = Vertx.vertx();
  private final MockUpstream mock;
  private final int gatewayPort;
  private final Map<String, String> env = new LinkedHashMap<>();
  private String baseSettings;

  private DocHarness(Path work, Path state) {
    this.work = work;
    this.state = state;
    this.mock = MockUpstream.start(vertx, MockUpstreamOptions.defaults()).await();
    this.gatewayPort = freePort();
  }

  /** Prepares {@code dir} and starts the mock upstream and the gateway. */
  static DocHarness start(Path dir) {
    try {
      Path work = Files.createDirectories(dir.resolve("work"));
      Path state = Files.createDirectories(dir.resolve("state"));
      DocHarness harness = new DocHarness(work, state);
      harness.prepare();
      return harness;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void prepare() throws IOException {
    Path shim = work.resolve("portcullis");
    copyResource("portcullis.bash", shim);
    Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
    copyResource("prelude.bash", state.resolve("prelude.bash"));
    for (String name : List.of("PATH", "HOME", "LANG", "TMPDIR")) {
      String value = System.getenv(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    env.put("PORTCULLIS_ADMIN_KEY", ADMIN_KEY);
    env.put("PORTCULLIS_PORT", Integer.toString(gatewayPort));
    env.put("PORTCULLIS_PROVIDER_OPENAI_BASE_URL", mockUrl() + "/v1");
    env.put("PORTCULLIS_PROVIDER_OPENAI_API_KEY", "sk-mock");
    env.put("PORTCULLIS_TRUSTED_HOSTS", "127.0.0.1");
    env.put("DOC_STATE", state.toString());
    env.put("DOC_JAVA", CliProcess.java());
    env.put("DOC_CLASSPATH", CliProcess.classpath());
    env.put("DOC_JAVA_OPTS", "--enable-native-access=ALL-UNNAMED -Xmx384m -XX:+UseSerialGC");
    env.put("DOC_CLI_JAVA_OPTS", "--enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    env.put("DOC_MOCK_URL", mockUrl());
    env.put("DOC_MOCK_PROVIDERS", NATIVE_MOCK_PATHS.entrySet().stream()
        .map(e -> variableName(e.getKey()) + "=" + mockUrl() + e.getValue()).sorted().collect(Collectors.joining(" "))
        + " OPENAI=" + mockUrl() + "/v1");
    NATIVE_MOCK_PATHS.forEach((id, path) -> env.put("DOC_MOCK_BASE_" + variableName(id), mockUrl() + path));
    startBaseGateway();
  }

  /** Runs every block of {@code page} in order; fails at the first block that does not do what the page says. */
  void run(DocPage page) {
    if (!baseSettings.equals(read(state.resolve("gateway.settings"))) || !gatewayAlive()) {
      startBaseGateway();
    }
    delete(state.resolve("vars"));
    for (DocBlock block : page.blocks()) {
      if (block.markers().skipReason() == null) {
        run(page, block);
      }
    }
  }

  private void run(DocPage page, DocBlock block) {
    String where = page.name() + ":" + block.line();
    String code = block.code().replaceAll(DOCUMENTED_GATEWAY, "127.0.0.1:" + gatewayPort)
        .replaceAll(DOCUMENTED_MOCK, "127.0.0.1:" + mock.port());
    write(state.resolve("block.bash"), code);
    Map<String, String> blockEnv = new LinkedHashMap<>(env);
    if (block.markers().mock()) {
      blockEnv.put("DOC_MOCK", "1");
      Matcher m = VARIABLE.matcher(code);
      while (m.find()) {
        blockEnv.putIfAbsent(m.group(1), "mock-" + m.group(1).toLowerCase(Locale.ROOT).replace('_', '-'));
      }
    }
    Outcome outcome = bash(blockEnv, """
        source "$DOC_STATE/prelude.bash"
        if [ -f "$DOC_STATE/vars" ]; then source "$DOC_STATE/vars"; fi
        : > "$DOC_STATE/http.log"
        trap 'export -p | grep -v -E "^declare -x (DOC_[A-Z_]*|PWD|OLDPWD|SHLVL|_)(=|$)" > "$DOC_STATE/vars"' EXIT
        set -aeuo pipefail
        source "$DOC_STATE/block.bash"
        """);
    if (outcome.exit() != block.markers().exit()) {
      throw new AssertionError(where + ": the block exited " + outcome.exit() + " (expected: "
          + block.markers().exit() + ")" + outcome.describe());
    }
    List<Answer> answers = answers();
    for (int i = 0; i < answers.size(); i++) {
      Answer a = answers.get(i);
      boolean last = i == answers.size() - 1;
      Integer wanted = last ? block.markers().status() : null;
      boolean ok = wanted == null ? a.status() >= 200 && a.status() < 300 : a.status() == wanted;
      if (!ok) {
        throw new AssertionError(where + ": " + a.method() + " " + a.url() + " answered " + a.status() + " (expected: "
            + (wanted == null ? "2xx; mark the block <!-- doc-test: status " + a.status() + " --> if the page means it"
                : wanted) + "): " + a.body() + outcome.describe());
      }
    }
    if (block.markers().status() != null && answers.isEmpty()) {
      throw new AssertionError(where + ": the block is marked 'status " + block.markers().status()
          + "' but made no HTTP call" + outcome.describe());
    }
    if (block.answer() != null) {
      String shown = answers.isEmpty() ? outcome.stdout() : answers.getLast().body();
      List<String> mismatches = block.answer().mismatches(json(page.name() + ":" + block.answerLine(), shown));
      if (!mismatches.isEmpty()) {
        throw new AssertionError(page.name() + ":" + block.answerLine() + ": the answer of the block at line "
            + block.line() + " does not have the shape the page shows:\n  " + String.join("\n  ", mismatches)
            + "\nanswer: " + shown);
      }
    }
  }

  private static JsonNode json(String where, String text) {
    String body = text.startsWith("HTTP/") ? text.substring(Math.max(0, text.indexOf("\r\n\r\n"))).trim() : text;
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new AssertionError(where + ": the page shows a JSON answer, but the answer is not JSON: " + text);
    }
  }

  /** One HTTP call a block made through curl. */
  private record Answer(int status, String method, String url, String body) {}

  private List<Answer> answers() {
    String log = read(state.resolve("http.log"));
    return log.lines().map(line -> line.split(" ", 4)).map(f -> new Answer(Integer.parseInt(f[0]), f[2],
        f.length > 3 ? f[3] : "", read(Path.of(f[1])))).toList();
  }

  /** How a bash run ended. */
  private record Outcome(int exit, String stdout, String stderr) {
    String describe() {
      return "\n--- stdout\n" + tail(stdout) + "\n--- stderr\n" + tail(stderr);
    }

    private static String tail(String text) {
      List<String> lines = text.lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
  }

  private Outcome bash(Map<String, String> variables, String script) {
    Path out = state.resolve("stdout");
    Path err = state.resolve("stderr");
    ProcessBuilder builder = new ProcessBuilder("bash", "--noprofile", "--norc", "-c", script).directory(work.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
            new File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(variables);
    try {
      Process process = builder.start();
      if (!process.waitFor(BLOCK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("a block ran longer than " + BLOCK_TIMEOUT_SECONDS + " s"
            + new Outcome(-1, read(out), read(err)).describe());
      }
      return new Outcome(process.exitValue(), read(out), read(err));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** (Re)starts the gateway with the harness's own settings, as every page finds it. */
  private void startBaseGateway() {
    Outcome started = bash(env, "./portcullis serve");
    if (started.exit() != 0) {
      throw new IllegalStateException("the doc harness could not start the gateway" + started.describe());
    }
    baseSettings = read(state.resolve("gateway.settings"));
  }

  private boolean gatewayAlive() {
    String pid = read(state.resolve("gateway.pid"));
    return !pid.isEmpty() && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
  }

  private String mockUrl() {
    return "http://127.0.0.1:" + mock.port();
  }

  @Override
  public void close() {
    String pid = read(state.resolve("gateway.pid"));
    if (!pid.isEmpty()) {
      ProcessHandle.of(Long.parseLong(pid)).ifPresent(gateway -> {
        gateway.destroy();
        gateway.onExit().orTimeout(30, TimeUnit.SECONDS).join();
      });
    }
    mock.close().await();
    vertx.close().await();
  }

  private static String variableName(String providerId) {
    return providerId.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyResource(String name, Path to) throws IOException {
    try (InputStream in = DocHarness.class.getResourceAsStream("/doc-test/" + name)) {
      Files.copy(in, to);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
