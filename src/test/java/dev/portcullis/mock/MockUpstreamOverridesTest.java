package dev.portcullis.mock;

import static dev.portcullis.mock.RunningMock.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MockUpstreamOverridesTest {

  private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @RegisterExtension
  static final RunningMock mock = new RunningMock();

  @ParameterizedTest
  @CsvSource({
    "400, invalid_request_error, invalid_value",
    "401, invalid_request_error, invalid_api_key",
    "404, invalid_request_error, model_not_found",
    "429, requests, rate_limit_exceeded",
    "500, server_error, server_error",
    "503, server_error, service_unavailable",
    "418, invalid_request_error, mock_status_418",
  })
  void statusHeaderAnswersThatStatusWithOpenAiErrorBody(int status, String type, String code) throws Exception {
    HttpResponse<String> response = mock.post("/chat/completions", CHAT, "x-mock-status", Integer.toString(status));

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    JsonObject error = json(response.body()).getJsonObject("error");
    assertThat(error.fieldNames()).containsExactlyInAnyOrder("message", "type", "param", "code");
    assertThat(error.getString("message")).isNotBlank();
    assertThat(error.getString("type")).isEqualTo(type);
    assertThat(error.getValue("param")).isNull();
    assertThat(error.getString("code")).isEqualTo(code);
  }

  @Test
  void rateLimitedAnswerCarriesRetryAfter() throws Exception {
    HttpResponse<String> response = mock.post("/chat/completions", CHAT, "x-mock-status", "429");

    assertThat(response.headers().firstValue("retry-after")).hasValue("1");
  }

  @Test
  void errorMessageHeaderReplacesTheUsualMessage() throws Exception {
    HttpResponse<String> response = mock.post("/chat/completions", CHAT,
        "x-mock-status", "500", "x-mock-error-message", "upstream \"exploded\"");

    assertThat(json(response.body()).getJsonObject("error").getString("message")).isEqualTo("upstream \"exploded\"");
  }

  @Test
  void resetHeaderClosesTheConnectionWithoutAnswering() {
    assertThatThrownBy(() -> mock.post("/chat/completions", CHAT, "x-mock-reset", "true"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void latencyHeaderDelaysTheResponseHeaders() throws Exception {
    long started = System.nanoTime();

    HttpResponse<String> response = mock.post("/chat/completions", CHAT, "x-mock-latency-ms", "150");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(150);
  }

  @Test
  void malformedOverrideAnswers400NamingTheHeader() throws Exception {
    HttpResponse<String> response = mock.post("/chat/completions", CHAT, "x-mock-chunks", "many");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject error = json(response.body()).getJsonObject("error");
    assertThat(error.getString("message")).isEqualTo("x-mock-chunks: 'many' (expected: an integer 0..100000)");
    assertThat(error.getString("param")).isEqualTo("x-mock-chunks");
  }

  @Test
  void errorRateOfOneFailsEveryRequestWith500() throws Exception {
    try (RunningMock failing = RunningMock.start(MockUpstreamOptions.defaults().withErrorRate(1.0))) {
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> response = failing.post("/chat/completions", CHAT);
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json(response.body()).getJsonObject("error").getString("type")).isEqualTo("server_error");
      }
    }
  }

  @Test
  void errorRateFailsAShareOfRequestsAndAnswersTheRest() throws Exception {
    try (RunningMock flaky = RunningMock.start(MockUpstreamOptions.defaults().withErrorRate(0.5))) {
      int failed = 0;
      for (int i = 0; i < 200; i++) {
        failed += flaky.post("/chat/completions", CHAT).statusCode() == 500 ? 1 : 0;
      }
      assertThat(failed).isBetween(60, 140);
    }
  }
}
