package dev.portcullis.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.admin.SessionCookies;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;

/**
 * Reads the admin API for one page, over the gateway's own port, as the signed-in browser would: with its session
 * cookie and its CSRF token. Pages so see exactly what the session's key may see, through the same checks.
 */
final class AdminReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;
  private final String host;
  private final int port;
  private final String cookie;
  private final String csrfToken;
  private final String workspaceId;

  /** @param workspaceId the workspace every read is about, or null for the key's own */
  AdminReader(HttpClient client, String host, int port, String cookie, String csrfToken, String workspaceId) {
    this.client = client;
    this.host = host;
    this.port = port;
    this.cookie = cookie;
    this.csrfToken = csrfToken;
    this.workspaceId = workspaceId;
  }

  /** GETs {@code path} (with its query), failing with {@link AdminRefusal} unless the API answers 2xx. */
  Future<JsonNode> get(String path) {
    String uri = workspaceId == null ? path
        : path + (path.contains("?") ? "&" : "?") + "workspace_id=" + QueryText.encode(workspaceId);
    return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port).setURI(uri)
            .putHeader("cookie", SessionCookies.COOKIE + "=" + cookie)
            .putHeader(SessionCookies.CSRF_HEADER, csrfToken))
        .compose(request -> request.send().compose(response -> response.body().map(body -> {
          JsonNode json;
          try {
            json = JSON.readTree(body.getBytes());
          } catch (IOException e) {
            throw new AdminRefusal(502, "the admin API answered " + path + " with something other than JSON");
          }
          if (response.statusCode() / 100 != 2) {
            throw new AdminRefusal(response.statusCode(), json.path("error").path("message").asText(
                "the admin API refused " + path + " (HTTP " + response.statusCode() + ")"));
          }
          return json;
        })));
  }
}
