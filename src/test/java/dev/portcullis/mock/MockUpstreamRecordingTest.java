package dev.portcullis.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MockUpstreamRecordingTest {

  private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @RegisterExtension
  static final RunningMock mock = new RunningMock();

  @BeforeEach
  void forgetEarlierRequests() {
    mock.upstream().clearRecorded();
  }

  @Test
  void recordingCapturesMethodPathQueryHeadersAndBody() throws Exception {
    mock.post("/chat/completions?api-version=2024-10-21", CHAT, "Authorization", "Bearer sk-test", "X-Trace", "a");
    mock.post("/chat/completions?api-version=2024-10-21", CHAT, "X-Trace", "b");

    RecordedRequest first = mock.upstream().recordedRequests().getFirst();
    assertThat(first.method()).isEqualTo("POST");
    assertThat(first.path()).isEqualTo("/v1/chat/completions");
    assertThat(first.query()).isEqualTo("api-version=2024-10-21");
    assertThat(first.header("authorization")).isEqualTo("Bearer sk-test");
    assertThat(first.header("AUTHORIZATION")).isEqualTo("Bearer sk-test");
    assertThat(first.headers().get("x-trace")).containsExactly("a");
    assertThat(first.header("x-absent")).isNull();
    assertThat(first.bodyAsString()).isEqualTo(CHAT);
  }

  @Test
  void recordingKeepsRequestsInArrivalOrder() throws Exception {
    mock.post("/embeddings", "{\"model\":\"e\",\"input\":\"one\"}");
    mock.get("/models");

    assertThat(mock.upstream().recordedRequests())
        .extracting(RecordedRequest::method, RecordedRequest::path)
        .containsExactly(
            tuple("POST", "/v1/embeddings"),
            tuple("GET", "/v1/models"));
  }

  @Test
  void requestsAnsweredWithAResetAreRecordedToo() {
    assertThatThrownBy(() -> mock.post("/chat/completions", CHAT, "x-mock-reset", "true"))
        .isInstanceOf(IOException.class);

    assertThat(mock.upstream().recordedRequests()).hasSize(1);
  }

  @Test
  void recordingKeepsOnlyTheLastThousandRequests() throws Exception {
    for (int i = 0; i < 1005; i++) {
      mock.post("/chat/completions", "{\"model\":\"m\",\"request\":" + i + "}");
    }

    List<RecordedRequest> recorded = mock.upstream().recordedRequests();
    assertThat(recorded).hasSize(1000);
    assertThat(recorded.getFirst().bodyAsString()).isEqualTo("{\"model\":\"m\",\"request\":5}");
    assertThat(recorded.getLast().bodyAsString()).isEqualTo("{\"model\":\"m\",\"request\":1004}");
  }

  @Test
  void clearRecordedForgetsEarlierRequests() throws Exception {
    mock.post("/chat/completions", CHAT);

    mock.upstream().clearRecorded();

    assertThat(mock.upstream().recordedRequests()).isEmpty();
  }

  @Test
  void recordedBodyCannotBeChangedThroughItsArray() throws Exception {
    mock.post("/chat/completions", CHAT);
    RecordedRequest recorded = mock.upstream().recordedRequests().getFirst();

    recorded.body()[0] = 'X';

    assertThat(recorded.bodyAsString()).isEqualTo(CHAT);
  }

  @Test
  void withRecordingOffNothingIsKept() throws Exception {
    try (RunningMock quiet = RunningMock.start(MockUpstreamOptions.defaults().withRecordRequests(false))) {
      quiet.post("/chat/completions", CHAT);

      assertThat(quiet.upstream().recordedRequests()).isEmpty();
    }
  }
}
