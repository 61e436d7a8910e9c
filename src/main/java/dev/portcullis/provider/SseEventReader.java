package dev.portcullis.provider;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a server-sent-event stream into events as its bytes arrive, however they are cut: lines are decoded only
 * once whole, so a multi-byte character split between two reads comes out intact. Follows the WHATWG rules that
 * matter to providers: {@code \n}, {@code \r\n} or {@code \r} end lines, a blank line ends an event, one space
 * after the colon is dropped, lines starting with a colon are comments, and {@code data} lines are joined with
 * newlines.
 */
public final class SseEventReader {

  private static final int MAX_LINE = 16 << 20;

  private byte[] line = new byte[256];
  private int lineLength;
  private boolean afterCarriageReturn;
  private String event;
  private StringBuilder data;

  /** Feeds bytes; returns the events they complete, in order. */
  public List<SseEvent> feed(Buffer bytes) {
    List<SseEvent> events = null;
    int length = bytes.length();
    for (int i = 0; i < length; i++) {
      byte b = bytes.getByte(i);
      if (b == '\n' && afterCarriageReturn) {
        afterCarriageReturn = false;
        continue;
      }
      afterCarriageReturn = b == '\r';
      if (b == '\n' || b == '\r') {
        SseEvent done = endLine();
        if (done != null) {
          if (events == null) {
            events = new ArrayList<>(2);
          }
          events.add(done);
        }
      } else {
        append(b);
      }
    }
    return events == null ? List.of() : events;
  }

  /** The event still open when the stream ended without its blank line, if any. */
  public SseEvent finish() {
    if (lineLength > 0) {
      endLine();
    }
    return dispatch();
  }

  private void append(byte b) {
    if (lineLength == line.length) {
      if (line.length >= MAX_LINE) {
        throw new IllegalStateException("server-sent event line longer than " + MAX_LINE + " bytes");
      }
      line = java.util.Arrays.copyOf(line, line.length * 2);
    }
    line[lineLength++] = b;
  }

  /** Handles the line just ended; returns the event a blank line completes, else null. */
  private SseEvent endLine() {
    if (lineLength == 0) {
      return dispatch();
    }
    String text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
    lineLength = 0;
    if (text.charAt(0) == ':') {
      return null;
    }
    int colon = text.indexOf(':');
    String field = colon < 0 ? text : text.substring(0, colon);
    String value = colon < 0 ? "" : text.substring(colon + (colon + 1 < text.length() && text.charAt(colon + 1) == ' ' ? 2 : 1));
    switch (field) {
      case "event" -> event = value;
      case "data" -> {
        if (data == null) {
          data = new StringBuilder(value);
        } else {
          data.append('\n').append(value);
        }
      }
      default -> { }
    }
    return null;
  }

  private SseEvent dispatch() {
    if (event == null && data == null) {
      return null;
    }
    SseEvent done = new SseEvent(event, data == null ? "" : data.toString());
    event = null;
    data = null;
    return done;
  }
}
