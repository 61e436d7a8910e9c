package dev.portcullis.condition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a condition may look at in one request. Routing gives metadata, the body and the path; policy rules add the
 * caller, the model and the time. A fact the request does not have reads as null (a missing node for params).
 */
public interface ConditionFacts {

  /** The metadata value under {@code key}, read by {@code metadata.<key>}, or null. */
  String metadata(String key);

  /** The request body, read by {@code params.<path>}; a missing node when the body is not JSON. */
  JsonNode params();

  /** A named fact such as {@code url.pathname}, {@code user} or {@code time.hour_utc}, or null. */
  String named(String name);
}
