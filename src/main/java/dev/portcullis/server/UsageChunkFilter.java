package dev.portcullis.server;

import io.vertx.core.buffer.Buffer;

/**
 * Keeps from the client the one event of an OpenAI-format stream that carries only the usage ({@code "choices":
 * []} and a {@code usage} object), which the gateway asked the provider for on its own behalf. Every other byte
 * passes unchanged and in order; an event split across chunks is held until its blank line arrives, so at most one
 * partial event waits here.
 */
final class UsageChunkFilter {

  private Buffer pending = Buffer.buffer();

  /** What of {@code chunk} may go to the client now. */
  Buffer accept(Buffer chunk) {
    Buffer in = pending.length() == 0 ? chunk : pending.appendBuffer(chunk);
    Buffer out = null;
    int start = 0;
    int end;
    while ((end = eventEnd(in, start)) > 0) {
      if (usageOnly(in, start, end)) {
        out = out == null ? in.slice(0, start).copy() : out;
      } else if (out != null) {
        out.appendBuffer(in, start, end - start);
      }
      start = end;
    }
    Buffer ready = out != null ? out : in.slice(0, start);
    pending = Buffer.buffer().appendBuffer(in, start, in.length() - start);
    return ready;
  }

  /** What is left at the end of the stream: an event without its blank line, as it came. */
  Buffer end() {
    Buffer rest = pending;
    pending = Buffer.buffer();
    return rest;
  }

  /** The offset just past the blank line ending the event that starts at {@code from}, or -1. */
  private static int eventEnd(Buffer b, int from) {
    for (int i = from; i + 1 < b.length(); i++) {
      if (b.getByte(i) == '\n') {
        if (b.getByte(i + 1) == '\n') {
          return i + 2;
        }
        if (b.getByte(i + 1) == '\r' && i + 2 < b.length() && b.getByte(i + 2) == '\n') {
          return i + 3;
        }
      }
    }
    return -1;
  }

  /** Whether {@code b[from, to)} is an event with an empty {@code choices} array and a {@code usage} object. */
  private static boolean usageOnly(Buffer b, int from, int to) {
    int choices = valueStart(b, from, to, "\"choices\"");
    if (choices < 0 || b.getByte(choices) != '[') {
      return false;
    }
    int close = skipSpace(b, choices + 1, to);
    int usage = valueStart(b, from, to, "\"usage\"");
    return close < to && b.getByte(close) == ']' && usage >= 0 && b.getByte(usage) == '{';
  }

  /** The offset of the first byte of {@code key}'s value in {@code b[from, to)}, or -1 when the key is absent. */
  private static int valueStart(Buffer b, int from, int to, String key) {
    int n = key.length();
    for (int i = from; i + n <= to; i++) {
      if (matches(b, i, key)) {
        int j = skipSpace(b, i + n, to);
        if (j < to && b.getByte(j) == ':') {
          int v = skipSpace(b, j + 1, to);
          return v < to ? v : -1;
        }
      }
    }
    return -1;
  }

  private static boolean matches(Buffer b, int at, String key) {
    for (int k = 0; k < key.length(); k++) {
      if (b.getByte(at + k) != key.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static int skipSpace(Buffer b, int from, int to) {
    int i = from;
    while (i < to && (b.getByte(i) == ' ' || b.getByte(i) == '\t' || b.getByte(i) == '\n' || b.getByte(i) == '\r')) {
      i++;
    }
    return i;
  }
}
