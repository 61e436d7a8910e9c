package dev.portcullis.admin;

import dev.portcullis.error.GatewayException;
import dev.portcullis.observe.RequestLogCursor;
import dev.portcullis.observe.RequestLogQuery;
import io.vertx.core.MultiMap;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the query string of {@code GET /admin/v1/logs} into a {@link RequestLogQuery}, or a 400 naming the first bad
 * parameter. An empty value means the filter is not set, as an HTML form sends for an untouched field.
 */
public final class LogsQueryParser {

  private static final String METADATA_PREFIX = "metadata.";

  /** The filters every endpoint over the log takes. */
  private static final List<String> FILTERS = List.of("from", "to", "model", "provider", "status", "api_key_id",
      "metadata.<key>", "workspace_id");

  private static final List<String> PAGING = List.of("limit", "cursor");

  private LogsQueryParser() {}

  /**
   * The filters the parameters set. {@code workspace_id} is accepted and left to {@link AdminAccess}, which checks it
   * is in the caller's reach and makes it the workspace the call is about.
   */
  static RequestLogQuery.Builder parse(MultiMap parameters) {
    return parse(parameters, PAGING);
  }

  /**
   * The filters the parameters set, for an endpoint that takes the filters and its own parameters (which this
   * leaves to the caller), but no paging.
   */
  public static RequestLogQuery.Builder parseFilters(MultiMap parameters, List<String> own) {
    return parse(parameters, own);
  }

  private static RequestLogQuery.Builder parse(MultiMap parameters, List<String> more) {
    RequestLogQuery.Builder query = RequestLogQuery.newest();
    List<String> accepted = new ArrayList<>(FILTERS);
    accepted.addAll(more);
    Map<String, String> given = once(parameters, accepted);
    for (Map.Entry<String, String> parameter : given.entrySet()) {
      String name = parameter.getKey();
      String value = parameter.getValue();
      if (value.isEmpty() || more.contains(name) && !PAGING.contains(name)) {
        continue;
      }
      switch (name) {
        case "from" -> query.from(instant(name, value));
        case "to" -> query.to(instant(name, value));
        case "model" -> query.model(value);
        case "provider" -> query.provider(value);
        case "status" -> query.status(status(value));
        case "api_key_id" -> query.apiKeyId(value);
        case "limit" -> query.limit(limit(value));
        case "cursor" -> query.after(cursor(value));
        case "workspace_id" -> { }
        default -> query.metadata(metadataKey(name), value);
      }
    }
    RequestLogQuery parsed = query.build();
    if (parsed.from() != null && parsed.to() != null && parsed.from().isAfter(parsed.to())) {
      throw GatewayException.badRequest(
          "from: '" + given.get("from") + "' is after to: '" + given.get("to") + "' (expected: from before to)", "from");
    }
    return query;
  }

  /** Each parameter's value, refusing names this endpoint does not know and names given twice. */
  private static Map<String, String> once(MultiMap parameters, List<String> accepted) {
    Map<String, String> given = new LinkedHashMap<>();
    for (Map.Entry<String, String> parameter : parameters) {
      String name = parameter.getKey();
      if (!accepted.contains(name) && !name.startsWith(METADATA_PREFIX)) {
        throw GatewayException.badRequest(
            "unknown query parameter '" + name + "' (expected: " + String.join(", ", accepted) + ")", name);
      }
      if (given.putIfAbsent(name, parameter.getValue()) != null) {
        throw GatewayException.badRequest(name + ": given more than once (expected: at most once)", name);
      }
    }
    return given;
  }

  private static Instant instant(String name, String value) {
    try {
      return value.chars().allMatch(c -> c >= '0' && c <= '9')
          ? Instant.ofEpochMilli(Long.parseLong(value))
          : Instant.parse(value);
    } catch (NumberFormatException | DateTimeException e) {
      throw GatewayException.badRequest(
          name + ": '" + value + "' (expected: an ISO-8601 instant such as 2025-01-31T09:30:00Z, or epoch milliseconds)",
          name);
    }
  }

  private static int status(String value) {
    int status = integerOrMinusOne(value);
    if (status < 100 || status > 599) {
      throw GatewayException.badRequest("status: '" + value + "' (expected: an HTTP status code 100..599)", "status");
    }
    return status;
  }

  private static int limit(String value) {
    int limit = integerOrMinusOne(value);
    if (limit < 1 || limit > RequestLogQuery.MAX_LIMIT) {
      throw GatewayException.badRequest(
          "limit: '" + value + "' (expected: an integer 1.." + RequestLogQuery.MAX_LIMIT + ")", "limit");
    }
    return limit;
  }

  private static int integerOrMinusOne(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static RequestLogCursor cursor(String value) {
    try {
      return RequestLogCursor.parse(value);
    } catch (IllegalArgumentException e) {
      throw GatewayException.badRequest(
          "cursor: '" + value + "' (expected: the next_cursor of a previous page)", "cursor");
    }
  }

  private static String metadataKey(String name) {
    String key = name.substring(METADATA_PREFIX.length());
    if (!RequestLogQuery.METADATA_KEY.matcher(key).matches()) {
      throw GatewayException.badRequest(
          name + ": key '" + key + "' (expected: 1..64 of the characters A-Z a-z 0-9 _ . -)", name);
    }
    return key;
  }
}
