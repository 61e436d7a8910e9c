package dev.portcullis.migrate.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Portkey's admin API ({@code https://api.portkey.ai/v1} by default) with an API key in
 * {@code x-portkey-api-key}: list endpoints page by page ({@code current_page} from 0, {@code page_size}), single
 * objects as they come. Blocking; for the CLI.
 */
public final class PortkeyAdminClient {

  public static final String DEFAULT_BASE_URL = "https://api.portkey.ai/v1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE_SIZE = 50;
  private static final int MOST_PAGES = 1000;

  /** Portkey answered with an error status. */
  static final class Refused extends IllegalArgumentException {
    private final int status;

    Refused(String message, int status) {
      super(message);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  private final String baseUrl;
  private final String apiKey;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public PortkeyAdminClient(String baseUrl, String apiKey) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.apiKey = apiKey;
  }

  /** Every item of a list endpoint's {@code data}, all pages. */
  List<JsonNode> list(String path, String workspaceId) {
    List<JsonNode> out = new ArrayList<>();
    for (int page = 0; page < MOST_PAGES; page++) {
      String query = "current_page=" + page + "&page_size=" + PAGE_SIZE
          + (workspaceId == null ? "" : "&workspace_id=" + URLEncoder.encode(workspaceId, StandardCharsets.UTF_8));
      JsonNode body = get(path + "?" + query);
      JsonNode data = body.path("data");
      data.forEach(out::add);
      int total = body.path("total").asInt(-1);
      if (data.size() < PAGE_SIZE || (total >= 0 && out.size() >= total)) {
        break;
      }
    }
    return out;
  }

  JsonNode get(String pathAndQuery) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(Duration.ofSeconds(30))
        .header("x-portkey-api-key", apiKey).header("Accept", "application/json").GET().build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalArgumentException("Portkey admin API at " + baseUrl + " cannot be reached: " + e
          + " (expected: --base-url of a reachable Portkey API)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading the Portkey admin API", e);
    }
    String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
    if (response.statusCode() / 100 != 2) {
      String body = response.body();
      throw new Refused("Portkey admin API: GET " + path + " answered " + response.statusCode() + ": "
          + (body.length() > 200 ? body.substring(0, 200) + "..." : body)
          + " (expected: 200, with an API key allowed to read it)", response.statusCode());
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalArgumentException("Portkey admin API: GET " + path + " answered something that is not JSON");
    }
  }
}
