package dev.portcullis.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code default.webhook}: POSTs {@code {"eventType", "text", "model", "metadata"}} to {@code webhookURL} (with
 * {@code headers}) on the event loop's non-blocking client and takes {@code verdict} (a boolean) from the JSON
 * answer. {@code timeout} in milliseconds (default 3000). When the webhook fails (no answer in time, a status of
 * 400 or more, no boolean verdict) the check fails if {@code failOnError} is true, else passes (default), the
 * explanation saying what happened either way. Runs on requests (before the provider call) only.
 */
public final class WebhookCheck {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI url;
  private final Map<String, String> headers;
  private final long timeoutMs;
  private final boolean failOnError;

  WebhookCheck(URI url, Map<String, String> headers, long timeoutMs, boolean failOnError) {
    this.url = url;
    this.headers = Map.copyOf(headers);
    this.timeoutMs = timeoutMs;
    this.failOnError = failOnError;
  }

  static WebhookCheck from(CheckParams p) {
    String text = p.string("webhookURL", true);
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      url = null;
    }
    if (url == null || url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
      throw CheckParams.invalid(p.at("webhookURL"), "'" + text + "'", "an http or https URL");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    JsonNode h = p.get("headers");
    if (h != null && !h.isNull()) {
      if (!h.isObject()) {
        throw CheckParams.invalid(p.at("headers"), CheckParams.describe(h), "an object of header names to strings");
      }
      for (Map.Entry<String, JsonNode> e : h.properties()) {
        if (!e.getValue().isTextual()) {
          throw CheckParams.invalid(p.at("headers") + "." + e.getKey(), CheckParams.describe(e.getValue()),
              "a string");
        }
        headers.put(e.getKey(), e.getValue().asText());
      }
    }
    Long timeout = p.integer("timeout", 1, 60_000);
    return new WebhookCheck(url, headers, timeout == null ? 3000 : timeout, p.bool("failOnError", false));
  }

  /**
   * Asks the webhook at the address {@code admission} allows; fails only when admission refuses the host (a 400, and
   * nothing connects). Any other error becomes the outcome {@code failOnError} says.
   */
  Future<CheckOutcome> call(HttpClient client, WebhookAdmission admission, GuardSubject subject, String eventType) {
    return admission.admit(url).compose(address -> send(client, address, subject, eventType));
  }

  private Future<CheckOutcome> send(HttpClient client, InetAddress address, GuardSubject subject, String eventType) {
    ObjectNode body = JSON.createObjectNode()
        .put("eventType", eventType)
        .put("text", subject.lastText())
        .put("model", subject.model());
    ObjectNode metadata = body.putObject("metadata");
    subject.metadata().forEach(metadata::put);
    boolean ssl = "https".equals(url.getScheme());
    int port = url.getPort() != -1 ? url.getPort() : ssl ? 443 : 80;
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(url.getHost())
        .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
        .setPort(port).setSsl(ssl)
        .setURI(url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath()
            + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()))
        .setTimeout(timeoutMs)
        .putHeader("content-type", "application/json");
    headers.forEach(options::putHeader);
    return client.request(options)
        .compose(request -> request.send(Buffer.buffer(body.toString())))
        .compose(response -> response.body().map(answer -> verdict(response.statusCode(), answer)))
        .otherwise(err -> onError("did not answer within " + timeoutMs + " ms or could not be reached ("
            + err.getClass().getSimpleName() + ")"));
  }

  private CheckOutcome verdict(int status, Buffer answer) {
    if (status >= 400) {
      return onError("answered HTTP " + status);
    }
    try {
      JsonNode verdict = JSON.readTree(answer.getBytes()).path("verdict");
      if (!verdict.isBoolean()) {
        return onError("answered without a boolean verdict");
      }
      return new CheckOutcome(verdict.asBoolean(), "the webhook's verdict");
    } catch (IOException e) {
      return onError("answered with a body that is not JSON");
    }
  }

  private CheckOutcome onError(String what) {
    return new CheckOutcome(!failOnError, "webhook at " + url.getHost() + " " + what
        + (failOnError ? " (failOnError: the check fails)" : " (the check passes; failOnError is false)"));
  }

  @Override
  public String toString() {
    return "WebhookCheck[" + url.getHost() + ", " + timeoutMs + " ms" + (failOnError ? ", failOnError" : "") + "]";
  }
}
