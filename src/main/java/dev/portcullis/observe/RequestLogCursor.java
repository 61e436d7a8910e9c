package dev.portcullis.observe;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of the request log ended: the last row's start time and id. Rows are ordered by that pair, newest
 * first, so the next page starts strictly after it and no row is returned twice or skipped while new rows arrive.
 * Clients see it only as an opaque {@link #token()}.
 */
public record RequestLogCursor(Instant startedAt, String id) {

  /** The cursor just past the given row. */
  public static RequestLogCursor after(RequestRecord record) {
    return new RequestLogCursor(record.startedAt(), record.id());
  }

  /**
   * Reads a token made by {@link #token()}.
   *
   * @throws IllegalArgumentException when the token is not one
   */
  public static RequestLogCursor parse(String token) {
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a request log cursor: not base64url");
    }
    int colon = decoded.indexOf(':');
    if (colon < 1 || colon == decoded.length() - 1) {
      throw new IllegalArgumentException("not a request log cursor: expected <epoch millis>:<id>");
    }
    try {
      return new RequestLogCursor(Instant.ofEpochMilli(Long.parseLong(decoded.substring(0, colon))), decoded.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a request log cursor: epoch millis is not a number");
    }
  }

  /** The opaque form handed to clients as {@code next_cursor}. */
  public String token() {
    byte[] plain = (startedAt.toEpochMilli() + ":" + id).getBytes(StandardCharsets.UTF_8);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain);
  }
}
