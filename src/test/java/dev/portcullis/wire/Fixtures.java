package dev.portcullis.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Golden wire files under {@code src/test/resources/fixtures/openai/}. */
final class Fixtures {

  private Fixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/openai/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The payloads of a stream transcript's {@code data:} lines, in order, {@code [DONE]} included. */
  static List<String> ssePayloads(String name) {
    List<String> payloads = new ArrayList<>();
    for (String event : new String(bytes(name), StandardCharsets.UTF_8).split("\n\n")) {
      if (!event.startsWith("data: ")) {
        throw new IllegalArgumentException("not a data event in " + name + ": " + event);
      }
      payloads.add(event.substring("data: ".length()));
    }
    return payloads;
  }
}
