package dev.portcullis.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventStreamReaderTest {

  /**
   * One message written out by hand, CRCs computed with zlib's CRC32: two string headers and one header of each
   * other type (bool true, int32, byte array, timestamp, uuid), then a JSON payload.
   */
  static final byte[] HAND_WRITTEN = HexFormat.of().parseHex(String.join("",
      "00000088", // total length 136
      "0000005f", // headers length 95
      "1f60685f", // CRC32 of the 8 bytes before
      "0d" + hex(":message-type") + "07" + "0005" + hex("event"),
      "0b" + hex(":event-type") + "07" + "000b" + hex("messageStop"),
      "01" + hex("b") + "00", // bool true: no value
      "01" + hex("n") + "04" + "00000007", // int32
      "01" + hex("x") + "06" + "0002" + "0102", // byte array
      "01" + hex("t") + "08" + "0000018bcfe56800", // timestamp
      "01" + hex("u") + "09" + "000102030405060708090a0b0c0d0e0f", // uuid
      hex("{\"stopReason\":\"end_turn\"}"),
      "edd0441d")); // CRC32 of everything before

  @Test
  void readsAHandWrittenMessageKeepingStringHeadersAndSkippingTheOthers() {
    List<EventStreamMessage> messages = new EventStreamReader().feed(Buffer.buffer(HAND_WRITTEN));

    assertThat(messages).hasSize(1);
    assertThat(messages.getFirst().headers())
        .isEqualTo(Map.of(":message-type", "event", ":event-type", "messageStop"));
    assertThat(messages.getFirst().payloadText()).isEqualTo("{\"stopReason\":\"end_turn\"}");
  }

  @Test
  void messagesCutAtEveryByteComeOutWhole() {
    byte[] two = concat(HAND_WRITTEN, HAND_WRITTEN);
    for (int cut = 1; cut < two.length; cut++) {
      EventStreamReader reader = new EventStreamReader();
      List<EventStreamMessage> messages = new ArrayList<>(reader.feed(Buffer.buffer(two).getBuffer(0, cut)));
      messages.addAll(reader.feed(Buffer.buffer(two).getBuffer(cut, two.length)));
      assertThat(messages).as("cut at %d", cut).hasSize(2);
      assertThat(messages.get(1).payloadText()).isEqualTo("{\"stopReason\":\"end_turn\"}");
      assertThat(reader.hasPartialMessage()).isFalse();
    }
    EventStreamReader byteByByte = new EventStreamReader();
    List<EventStreamMessage> messages = new ArrayList<>();
    for (byte b : two) {
      messages.addAll(byteByByte.feed(Buffer.buffer(new byte[] {b})));
    }
    assertThat(messages).hasSize(2);
  }

  @Test
  void aCorruptLengthFailsThePreludeCrcWith502() {
    byte[] corrupt = HAND_WRITTEN.clone();
    corrupt[3] ^= 0x01;

    assertThatThrownBy(() -> new EventStreamReader().feed(Buffer.buffer(corrupt)))
        .isInstanceOfSatisfying(GatewayException.UpstreamError.class, e -> {
          assertThat(e.status()).isEqualTo(502);
          assertThat(e.code()).isEqualTo("invalid_upstream_response");
        })
        .hasMessageStartingWith("bedrock event stream: prelude CRC32 mismatch");
  }

  @Test
  void aCorruptPayloadFailsTheMessageCrcWith502() {
    byte[] corrupt = HAND_WRITTEN.clone();
    corrupt[HAND_WRITTEN.length - 6] ^= 0x20;

    assertThatThrownBy(() -> new EventStreamReader().feed(Buffer.buffer(corrupt)))
        .isInstanceOf(GatewayException.UpstreamError.class)
        .hasMessageStartingWith("bedrock event stream: message CRC32 mismatch");
  }

  @Test
  void aLengthBeyondTheLimitIsRefusedBeforeItsBytesArrive() {
    byte[] prelude = HexFormat.of().parseHex("0200000000000000" + "00000000");
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(prelude, 0, 8);
    int value = (int) crc.getValue();
    prelude[8] = (byte) (value >>> 24);
    prelude[9] = (byte) (value >>> 16);
    prelude[10] = (byte) (value >>> 8);
    prelude[11] = (byte) value;

    assertThatThrownBy(() -> new EventStreamReader().feed(Buffer.buffer(prelude)))
        .isInstanceOf(GatewayException.UpstreamError.class)
        .hasMessage("bedrock event stream: message length 33554432 (expected: 16..16777216)");
  }

  private static String hex(String text) {
    return HexFormat.of().formatHex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
