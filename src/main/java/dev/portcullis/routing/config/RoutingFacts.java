package dev.portcullis.routing.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.portcullis.condition.ConditionFacts;
import java.util.Map;

/**
 * What conditional routing may look at in one request.
 *
 * @param metadata the request metadata ({@code x-portkey-metadata}), read by {@code metadata.<key>}
 * @param params the request body, read by {@code params.<path>}
 * @param urlPathname the request path, e.g. {@code /v1/chat/completions}, read by {@code url.pathname}
 */
public record RoutingFacts(Map<String, String> metadata, JsonNode params, String urlPathname)
    implements ConditionFacts {

  /** The one named fact routing conditions read. */
  public static final String PATHNAME = "url.pathname";

  public RoutingFacts {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    params = params == null ? MissingNode.getInstance() : params;
    urlPathname = urlPathname == null ? "" : urlPathname;
  }

  @Override
  public String metadata(String key) {
    return metadata.get(key);
  }

  @Override
  public String named(String name) {
    return name.equals(PATHNAME) ? urlPathname : null;
  }
}
