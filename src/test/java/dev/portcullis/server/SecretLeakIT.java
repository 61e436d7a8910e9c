package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A provider key given to the gateway appears in no request-log row, error body, application log or data file. */
class SecretLeakIT {

  private static final String CALLER_KEY = "sk-caller-passthrough-key-4444";
  private static final String VIRTUAL_KEY_SECRET = "sk-vault-held-key-5555";

  @TempDir Path dir;

  @Test
  void providerKeysNeverLeaveTheGateway() throws Exception {
    ListAppender<ILoggingEvent> appLog = new ListAppender<>();
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.classic.Level level = root.getLevel();
    root.setLevel(ch.qos.logback.classic.Level.DEBUG);
    appLog.start();
    root.addAppender(appLog);
    List<String> answers = new ArrayList<>();
    try (GatewayHarness h = new GatewayHarness(dir)) {
      answers.add(h.admin(h.post("/admin/v1/virtual-keys", "{\"slug\":\"vk\",\"provider\":\"openai\",\"api_key\":\""
          + VIRTUAL_KEY_SECRET + "\",\"base_url\":\"" + h.mock.baseUrl() + "\"}")).body());
      // success through each kind of credential
      answers.add(h.chat("{\"model\":\"openai/gpt-4o\",\"messages\":[]}").body());
      answers.add(h.chat("{\"model\":\"@vk/gpt-4o\",\"stream\":true,\"messages\":[]}").body());
      // the provider rejects the key and echoes it back, as real providers do
      for (String key : List.of(CALLER_KEY, GatewayHarness.SERVER_PROVIDER_KEY)) {
        HttpResponse<String> rejected = h.send(h.post("/v1/chat/completions", "{\"model\":\"gpt-4o\",\"messages\":[]}")
            .header("x-portkey-provider", "openai")
            .header("authorization", "Bearer " + key)
            .header("x-portkey-custom-host", h.mock.baseUrl())
            .header("x-portkey-api-key", GatewayHarness.ADMIN_KEY)
            .header("x-portkey-forward-headers", "x-mock-status,x-mock-error-message")
            .header("x-mock-status", "401")
            .header("x-mock-error-message", "Incorrect API key provided: " + key + ". Find your key at ..."));
        assertThat(rejected.statusCode()).isEqualTo(401);
        assertThat(rejected.body()).contains("Incorrect API key provided: [REDACTED]");
        answers.add(rejected.body());
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> h.gateway.logWriter().written() >= 4);
      answers.add(h.admin(h.get("/admin/v1/logs?limit=100")).body());
      answers.add(h.admin(h.get("/admin/v1/virtual-keys")).body());
    } finally {
      root.detachAppender(appLog);
      root.setLevel(level);
    }
    List<String> secrets = List.of(CALLER_KEY, VIRTUAL_KEY_SECRET, GatewayHarness.SERVER_PROVIDER_KEY);
    for (String answer : answers) {
      for (String secret : secrets) {
        assertThat(answer).doesNotContain(secret);
      }
    }
    assertThat(answers.get(answers.size() - 2)).contains("\"status\":401");
    for (ILoggingEvent event : appLog.list) {
      for (String secret : secrets) {
        assertThat(event.getFormattedMessage()).doesNotContain(secret);
        if (event.getThrowableProxy() != null) {
          assertThat(event.getThrowableProxy().getMessage()).doesNotContain(secret);
        }
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String secret : secrets) {
          assertThat(content).as(file.toString()).doesNotContain(secret);
        }
      }
    }
  }
}
