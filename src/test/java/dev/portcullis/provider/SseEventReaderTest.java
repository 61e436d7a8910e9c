package dev.portcullis.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventReaderTest {

  private static Buffer bytes(String text) {
    return Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void namedEventsWithDataAreSplitOnBlankLines() {
    SseEventReader reader = new SseEventReader();
    List<SseEvent> events = reader.feed(bytes("event: message_start\ndata: {\"a\":1}\n\nevent: ping\ndata: {}\n\n"));
    assertThat(events).containsExactly(new SseEvent("message_start", "{\"a\":1}"), new SseEvent("ping", "{}"));
  }

  @Test
  void crlfAndCrLineEndsAndCommentsFollowTheSseRules() {
    SseEventReader reader = new SseEventReader();
    List<SseEvent> events = reader.feed(bytes(": keep-alive\r\ndata:first\r\ndata: second\r\n\r\ndata: third\r\r"));
    assertThat(events).containsExactly(new SseEvent(null, "first\nsecond"), new SseEvent(null, "third"));
  }

  @Test
  void multiByteCharacterSplitAcrossReadsComesOutWhole() {
    byte[] all = "data: {\"text\":\"café ✓ 😀\"}\n\n".getBytes(StandardCharsets.UTF_8);
    SseEventReader reader = new SseEventReader();
    List<SseEvent> events = new ArrayList<>();
    for (byte b : all) {
      events.addAll(reader.feed(Buffer.buffer(new byte[] {b})));
    }
    assertThat(events).containsExactly(new SseEvent(null, "{\"text\":\"café ✓ 😀\"}"));
  }

  @Test
  void crlfSplitBetweenReadsEndsOneLineOnly() {
    SseEventReader reader = new SseEventReader();
    List<SseEvent> events = new ArrayList<>(reader.feed(bytes("data: a\r")));
    events.addAll(reader.feed(bytes("\n\r\n")));
    assertThat(events).containsExactly(new SseEvent(null, "a"));
  }

  @Test
  void eventWithoutItsBlankLineIsReturnedAtTheEnd() {
    SseEventReader reader = new SseEventReader();
    assertThat(reader.feed(bytes("data: last"))).isEmpty();
    assertThat(reader.finish()).isEqualTo(new SseEvent(null, "last"));
    assertThat(reader.finish()).isNull();
  }
}
