package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAI, Portkey (its prompt API included) and Anthropic Node SDKs, run by node's own test runner from {@code src/test/js}, against a real
 * gateway whose mock upstream answers as OpenAI and, through the {@code claude} virtual key, as Anthropic.
 * Dependencies are installed with {@code npm ci} from the committed lock file when they are missing or stale.
 */
class NodeClientsClientIT {

  private static final Path JS_DIR = Path.of("src", "test", "js");
  /** Tests in {@code *.test.mjs}: a file that is silently skipped, or a test lost, changes this count. */
  private static final int EXPECTED_PASSING = 28;
  private static final String PORTKEY_PROVIDER_KEY = "sk-portkey-callers-own-key-44444";
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration TEST_TIMEOUT = Duration.ofMinutes(2);
  private static final Pattern PASS_LINE = Pattern.compile("^# pass (\\d+)$");

  @TempDir Path dir;

  @Test
  void openAiPortkeyAndAnthropicNodeSdksPassEveryTestThroughTheGateway() {
    installDependenciesWhenStale();
    try (GatewayHarness h = new GatewayHarness(dir)) {
      HttpResponse<String> claude = h.admin(h.post("/admin/v1/virtual-keys", """
          {"name":"claude","slug":"claude","provider":"anthropic","api_key":"sk-ant-virtual","base_url":"%s"}"""
          .formatted(h.mock.baseUrl())));
      assertThat(claude.statusCode()).as(claude.body()).isEqualTo(201);
      HttpResponse<String> greeting = h.admin(h.post("/admin/v1/prompts", """
          {"slug":"greeting","model":"openai/gpt-4o-mini",
           "template":{"messages":[{"role":"user","content":"Say hello to {{name}} & friends"}]}}"""));
      assertThat(greeting.statusCode()).as(greeting.body()).isEqualTo(201);
      HttpResponse<String> production = h.admin(h.request("PUT", "/admin/v1/prompts/greeting/labels/production",
          "{\"version\":1}"));
      assertThat(production.statusCode()).as(production.body()).isEqualTo(200);
      Map<String, String> env = Map.of(
          "GATEWAY_URL", h.url("/v1"),
          "GATEWAY_KEY", GatewayHarness.ADMIN_KEY,
          "MOCK_URL", h.mock.baseUrl(),
          "PROVIDER_KEY", PORTKEY_PROVIDER_KEY);

      Run run = run(List.of("node", "--test", "--test-reporter=tap"), env, TEST_TIMEOUT);

      assertThat(run.exitCode()).as("node --test exit code; output:%n%s", run.output()).isZero();
      assertThat(passCount(run.output())).as("passing node tests; output:%n%s", run.output())
          .isEqualTo(EXPECTED_PASSING);
      assertThat(h.mock.recordedRequests()).as("the Portkey SDK's provider key reached the custom host")
          .extracting(up -> up.header("authorization")).contains("Bearer " + PORTKEY_PROVIDER_KEY);
    }
  }

  private static int passCount(String output) {
    return output.lines().map(PASS_LINE::matcher).filter(Matcher::matches)
        .mapToInt(m -> Integer.parseInt(m.group(1))).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no '# pass N' line in node's output:\n" + output));
  }

  private static void installDependenciesWhenStale() {
    Path lock = JS_DIR.resolve("package-lock.json");
    Path installed = JS_DIR.resolve("node_modules").resolve(".package-lock.json");
    try {
      if (Files.exists(installed)
          && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
        return;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Run install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), INSTALL_TIMEOUT);
    assertThat(install.exitCode()).as("npm ci in %s; output:%n%s", JS_DIR, install.output()).isZero();
  }

  private record Run(int exitCode, String output) {}

  /** Runs a command in {@link #JS_DIR}, copying its output line by line into the test log as it arrives. */
  private static Run run(List<String> command, Map<String, String> env, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(JS_DIR.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return fail("cannot run '" + command.getFirst() + "' (expected: node and npm on PATH, as on CI): "
          + e.getMessage(), e);
    }
    StringBuffer output = new StringBuffer();
    Thread copier = Thread.ofVirtual().start(() -> {
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          System.out.println("[" + command.getFirst() + "] " + line);
          output.append(line).append('\n');
        }
      } catch (IOException e) {
        output.append("(output lost: ").append(e.getMessage()).append(")\n");
      }
    });
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        copier.join(Duration.ofSeconds(5));
        return fail(String.join(" ", command) + " did not finish within " + timeout + "; output:\n" + output);
      }
      copier.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return fail("interrupted while waiting for " + String.join(" ", command), e);
    }
    return new Run(process.exitValue(), output.toString());
  }
}
