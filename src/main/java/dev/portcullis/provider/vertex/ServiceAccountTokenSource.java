package dev.portcullis.provider.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.SecretRedactor;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * OAuth access tokens for Google service accounts: a signed JWT traded at the account's token endpoint
 * (grant type {@code jwt-bearer}) without blocking, the token kept per account until {@link #REFRESH_BEFORE_EXPIRY}
 * before it expires, and callers arriving while a fetch is under way sharing that fetch.
 *
 * <p>The token endpoint an account names must be Google's ({@code https://oauth2.googleapis.com/token},
 * {@code https://accounts.google.com/o/oauth2/token}, or another {@code https://*.googleapis.com} host), so a key
 * file cannot make the gateway post to an address of the caller's choosing.
 */
final class ServiceAccountTokenSource {

  /** How long before expiry a token is replaced, so none expires in flight. */
  static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

  private static final Predicate<URI> GOOGLE_TOKEN_ENDPOINTS = uri -> "https".equals(uri.getScheme())
      && uri.getHost() != null
      && (uri.getHost().equals("accounts.google.com") || uri.getHost().endsWith(".googleapis.com"));
  private static final String GRANT_TYPE =
      URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8);
  private static final long TIMEOUT_MS = 10_000;
  private static final int MAX_ACCOUNTS = 1_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  /** Where every fetch runs, whichever thread asks: one event loop for the client and all its connections. */
  private final Context context;
  private final Clock clock;
  private final Predicate<URI> allowedTokenUri;
  /** By the key file's text: accounts whose key was read, with their token. */
  private final Cache<String, Account> accounts = Caffeine.newBuilder().maximumSize(MAX_ACCOUNTS).build();

  ServiceAccountTokenSource(Vertx vertx, Clock clock) {
    this(vertx, clock, GOOGLE_TOKEN_ENDPOINTS);
  }

  /** @param allowedTokenUri the token endpoints key files may name (tests allow a local one) */
  ServiceAccountTokenSource(Vertx vertx, Clock clock, Predicate<URI> allowedTokenUri) {
    this.http = vertx.createHttpClient();
    this.context = vertx.getOrCreateContext();
    this.clock = clock;
    this.allowedTokenUri = allowedTokenUri;
  }

  /**
   * A valid access token for the account of {@code keyJson}: the cached one, or a new one.
   *
   * @return a future failed with a {@link GatewayException.BadRequest} naming {@value ServiceAccountKey#FIELD} when
   *     the key cannot be read, a 401 when the endpoint refuses it, a 502 when the endpoint cannot be used
   */
  Future<String> token(String keyJson) {
    Account account;
    try {
      account = accounts.get(keyJson, json -> new Account(ServiceAccountKey.parse(json, allowedTokenUri)));
    } catch (GatewayException e) {
      return Future.failedFuture(e);
    }
    return account.token();
  }

  /** One account's token, its refresh time, and the fetch under way. */
  private final class Account {
    private final ServiceAccountKey key;
    private String token;
    private Instant refreshAt;
    private Future<String> pending;

    Account(ServiceAccountKey key) {
      this.key = key;
    }

    synchronized Future<String> token() {
      Instant now = clock.instant();
      if (token != null && now.isBefore(refreshAt)) {
        return Future.succeededFuture(token);
      }
      if (pending != null) {
        return pending;
      }
      Promise<String> fetched = Promise.promise();
      Future<String> fetch = fetched.future();
      pending = fetch;
      context.runOnContext(v -> exchange(key, now).onComplete(result -> {
        synchronized (this) {
          pending = null;
          if (result.succeeded()) {
            token = result.result().value();
            refreshAt = now.plus(result.result().lifetime()).minus(REFRESH_BEFORE_EXPIRY);
          }
        }
        fetched.handle(result.map(IssuedToken::value));
      }));
      return fetch;
    }
  }

  private record IssuedToken(String value, Duration lifetime) {}

  private Future<IssuedToken> exchange(ServiceAccountKey key, Instant now) {
    String assertion;
    try {
      assertion = key.assertion(now);
    } catch (GatewayException e) {
      return Future.failedFuture(e);
    }
    Buffer form = Buffer.buffer("grant_type=" + GRANT_TYPE + "&assertion=" + assertion);
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
        .setAbsoluteURI(key.tokenUri().toString())
        .setConnectTimeout(TIMEOUT_MS)
        .setIdleTimeout(TIMEOUT_MS)
        .putHeader("content-type", "application/x-www-form-urlencoded")
        .putHeader("accept", "application/json");
    return http.request(options)
        .compose(request -> request.send(form))
        .compose(response -> response.body().map(body -> issued(key, response, body)))
        .recover(failure -> Future.failedFuture(failure instanceof GatewayException ? failure
            : unavailable(key, "could not reach " + key.tokenUri() + " (" + failure.getMessage() + ")")));
  }

  private IssuedToken issued(ServiceAccountKey key, HttpClientResponse response, Buffer body) {
    int status = response.statusCode();
    JsonNode json = readOrNull(body);
    if (status >= 400 && status < 500) {
      String error = json == null ? null : json.path("error").asText(null);
      String description = json == null ? null : json.path("error_description").asText(null);
      throw new GatewayException.UpstreamError(401, "authentication_error", SecretRedactor.redact(
          "vertex-ai: the token endpoint refused service account '" + key.clientEmail() + "' (HTTP " + status
              + (error == null ? "" : " " + error) + (description == null ? "" : ": " + description) + ")", null),
          ServiceAccountKey.FIELD, "vertex_token_refused");
    }
    if (status != 200) {
      throw unavailable(key, "the token endpoint answered HTTP " + status);
    }
    JsonNode token = json == null ? null : json.get("access_token");
    JsonNode expiresIn = json == null ? null : json.get("expires_in");
    if (token == null || !token.isTextual() || expiresIn == null || !expiresIn.canConvertToLong()) {
      throw unavailable(key, "the token endpoint's answer has no access_token and expires_in");
    }
    return new IssuedToken(token.asText(), Duration.ofSeconds(expiresIn.asLong()));
  }

  private static JsonNode readOrNull(Buffer body) {
    try {
      return JSON.readTree(body.getBytes());
    } catch (IOException e) {
      return null;
    }
  }

  private static GatewayException.UpstreamError unavailable(ServiceAccountKey key, String problem) {
    return new GatewayException.UpstreamError(502, "api_error", SecretRedactor.redact("vertex-ai: no access token "
        + "for service account '" + key.clientEmail() + "': " + problem, null), null, "vertex_token_unavailable");
  }

  @Override
  public String toString() {
    return "ServiceAccountTokenSource[" + accounts.estimatedSize() + " accounts, refresh "
        + REFRESH_BEFORE_EXPIRY + " before expiry]";
  }
}
