package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.http.HttpServer;
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

/**
 * A value a guardrail found (redacted, flagged or denied) appears in no log row, metric, error body,
 * {@code hook_results} or application log, in the style of {@link SecretLeakIT}.
 */
class GuardrailLeakIT {

  private static final String SSN = "219-09-9999";
  private static final String CARD = "4242 4242 4242 4242";

  @TempDir Path dir;

  @Test
  void foundValuesNeverLeaveTheGatewayOutsideTheAnswer() throws Exception {
    ListAppender<ILoggingEvent> appLog = new ListAppender<>();
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.classic.Level level = root.getLevel();
    root.setLevel(ch.qos.logback.classic.Level.DEBUG);
    appLog.start();
    root.addAppender(appLog);
    List<String> answers = new ArrayList<>();
    try (GatewayHarness h = new GatewayHarness(dir)) {
      HttpServer provider = GuardrailsIT.scriptedProvider(h);
      String user = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"ssn " + SSN + " card " + CARD
          + " key " + GuardrailsIT.SECRET + " mail " + GuardrailsIT.EMAIL + "\"}]";
      String pii = "{\"portcullis.pii\": {\"redact\": %s}, \"portcullis.secrets\": {\"redact\": %s}, \"deny\": %s}";
      // redacted, flagged and denied requests
      for (String flags : List.of("true, true, false", "false, false, false", "false, false, true")) {
        String[] f = flags.split(", ");
        answers.add(h.chat(user + "}", "x-portkey-config", "{\"provider\": \"openai\", \"input_guardrails\": ["
            + String.format(pii, f[0], f[1], f[2]) + "]}").body());
      }
      // the answer's values: redacted whole and streamed, flagged, denied mid-stream
      for (String stream : List.of("false", "true")) {
        for (String flags : List.of("true, true, false", "false, false, true")) {
          String[] f = flags.split(", ");
          String answer = h.chat("{\"model\":\"gpt-4o\",\"stream\":" + stream + ",\"messages\":[]}",
              "x-portkey-config", GuardrailsIT.scripted(provider, "\"output_guardrails\": ["
                  + String.format(pii, f[0], f[1], f[2]) + "]")).body();
          assertThat(answer).doesNotContain(GuardrailsIT.SECRET, GuardrailsIT.EMAIL);
          answers.add(answer);
        }
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> h.gateway.logWriter().written() >= 7);
      answers.add(h.admin(h.get("/admin/v1/logs?limit=100")).body());
      answers.add(h.send(h.get("/metrics")).body());
    } finally {
      root.detachAppender(appLog);
      root.setLevel(level);
    }
    List<String> values = List.of(SSN, CARD, CARD.replace(" ", ""), GuardrailsIT.SECRET, GuardrailsIT.EMAIL);
    assertThat(answers.get(answers.size() - 2)).contains("hook_results", "denied", "flagged", "redacted");
    for (String answer : answers) {
      for (String value : values) {
        assertThat(answer).doesNotContain(value);
      }
    }
    for (ILoggingEvent event : appLog.list) {
      for (String value : values) {
        assertThat(event.getFormattedMessage()).doesNotContain(value);
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String value : values) {
          assertThat(content).as(file.toString()).doesNotContain(value);
        }
      }
    }
  }
}
