package dev.portcullis.provider.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.error.GatewayException;
import dev.portcullis.testing.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Service-account tokens against an in-process token endpoint: the JWT, the cache, shared fetches and failures. */
class ServiceAccountTokenSourceTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2025-08-26T10:00:00Z");
  private static final String EMAIL = "gateway@acme-prod.iam.gserviceaccount.com";

  private static KeyPair keys;

  private Vertx vertx;
  private HttpServer server;
  private MutableClock clock;
  private ServiceAccountTokenSource tokens;
  /** Form bodies the endpoint received, in order. */
  private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
  /** How the endpoint answers the next request. */
  private final AtomicReference<java.util.function.Consumer<HttpServerRequest>> answer = new AtomicReference<>();

  @BeforeAll
  static void generateKeys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    keys = generator.generateKeyPair();
  }

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      received.add(form(body.toString()));
      answer.get().accept(request);
    })).listen(0, "127.0.0.1").await();
    clock = new MutableClock(START);
    tokens = new ServiceAccountTokenSource(vertx, clock, uri -> "127.0.0.1".equals(uri.getHost()));
    answer.set(issuing("ya29.first", 3600));
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void theTokenRequestIsAJwtBearerGrantSignedWithTheAccountsKey() throws Exception {
    String token = tokens.token(keyFile()).await();

    assertThat(token).isEqualTo("ya29.first");
    assertThat(received).hasSize(1);
    Map<String, String> form = received.getFirst();
    assertThat(form.get("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");
    String[] jwt = form.get("assertion").split("\\.");
    assertThat(jwt).hasSize(3);
    JsonNode header = decode(jwt[0]);
    assertThat(header.path("alg").asText()).isEqualTo("RS256");
    assertThat(header.path("typ").asText()).isEqualTo("JWT");
    assertThat(header.path("kid").asText()).isEqualTo("5c1d2a7e9f");
    JsonNode claims = decode(jwt[1]);
    assertThat(claims.path("iss").asText()).isEqualTo(EMAIL);
    assertThat(claims.path("scope").asText()).isEqualTo("https://www.googleapis.com/auth/cloud-platform");
    assertThat(claims.path("aud").asText()).isEqualTo(tokenUri());
    assertThat(claims.path("iat").asLong()).isEqualTo(START.getEpochSecond());
    assertThat(claims.path("exp").asLong()).isEqualTo(START.getEpochSecond() + 3600);
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(keys.getPublic());
    rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))).as("RS256 signature").isTrue();
  }

  @Test
  void aTokenIsReusedUntilShortlyBeforeItExpiresThenReplaced() {
    assertThat(tokens.token(keyFile()).await()).isEqualTo("ya29.first");
    answer.set(issuing("ya29.second", 3600));

    clock.advance(Duration.ofSeconds(3600).minus(ServiceAccountTokenSource.REFRESH_BEFORE_EXPIRY).minusSeconds(1));
    assertThat(tokens.token(keyFile()).await()).isEqualTo("ya29.first");
    assertThat(received).hasSize(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(tokens.token(keyFile()).await()).isEqualTo("ya29.second");
    assertThat(received).hasSize(2);
  }

  @Test
  void callersArrivingDuringAFetchShareIt() {
    Promise<HttpServerRequest> arrived = Promise.promise();
    answer.set(arrived::complete);
    List<Future<String>> callers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      callers.add(tokens.token(keyFile()));
    }

    HttpServerRequest held = arrived.future().await();
    issuing("ya29.shared", 3600).accept(held);

    for (Future<String> caller : callers) {
      assertThat(caller.await()).isEqualTo("ya29.shared");
    }
    assertThat(received).hasSize(1);
  }

  @Test
  void aRefusalFromTheEndpointIs401NamingTheAccountAndIsNotCached() {
    answer.set(request -> request.response().setStatusCode(400).putHeader("content-type", "application/json")
        .end("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}"));

    GatewayException.UpstreamError e = failure(tokens.token(keyFile()), GatewayException.UpstreamError.class);

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.type()).isEqualTo("authentication_error");
    assertThat(e.getMessage()).contains(EMAIL, "HTTP 400", "invalid_grant", "Invalid JWT Signature.")
        .doesNotContain("PRIVATE KEY");
    answer.set(issuing("ya29.after", 3600));
    assertThat(tokens.token(keyFile()).await()).isEqualTo("ya29.after");
    assertThat(received).hasSize(2);
  }

  @Test
  void anEndpointThatFailsOrIsUnreachableIs502() {
    answer.set(request -> request.response().setStatusCode(503).end("unavailable"));
    assertThat(failure(tokens.token(keyFile()), GatewayException.UpstreamError.class).status()).isEqualTo(502);

    server.close().await();
    GatewayException.UpstreamError unreachable = failure(tokens.token(keyFile()), GatewayException.UpstreamError.class);
    assertThat(unreachable.status()).isEqualTo(502);
    assertThat(unreachable.getMessage()).contains(EMAIL, "could not reach");
  }

  @Test
  void anUnreadableKeyIs400NamingTheField() {
    for (String bad : List.of("not json", "{\"client_email\":\"a@b\"}",
        "{\"client_email\":\"a@b\",\"private_key\":\"-----BEGIN RSA PRIVATE KEY-----\\nAAAA\\n-----END RSA PRIVATE KEY-----\"}")) {
      GatewayException.BadRequest e = failure(tokens.token(bad), GatewayException.BadRequest.class);
      assertThat(e.param()).isEqualTo("vertex_service_account_json");
      assertThat(e.getMessage()).startsWith("vertex_service_account_json: ");
    }
    assertThat(received).isEmpty();
  }

  @Test
  void aKeyNamingATokenEndpointOutsideGoogleIsRefused() {
    ServiceAccountTokenSource production = new ServiceAccountTokenSource(vertx, clock);

    GatewayException.BadRequest e = failure(production.token(keyFile()), GatewayException.BadRequest.class);

    assertThat(e.getMessage()).contains("token_uri", "is not a Google token endpoint");
    assertThat(received).isEmpty();
  }

  private String tokenUri() {
    return "http://127.0.0.1:" + server.actualPort() + "/token";
  }

  private String keyFile() {
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    Map<String, String> key = new HashMap<>();
    key.put("type", "service_account");
    key.put("project_id", "acme-prod");
    key.put("private_key_id", "5c1d2a7e9f");
    key.put("private_key", pem);
    key.put("client_email", EMAIL);
    key.put("token_uri", tokenUri());
    try {
      return JSON.writeValueAsString(key);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static java.util.function.Consumer<HttpServerRequest> issuing(String token, int expiresIn) {
    return request -> request.response().putHeader("content-type", "application/json")
        .end("{\"access_token\":\"" + token + "\",\"expires_in\":" + expiresIn + ",\"token_type\":\"Bearer\"}");
  }

  private static <E extends Throwable> E failure(Future<String> future, Class<E> type) {
    return catchThrowableOfType(type, future::await);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return fields;
  }

  private static JsonNode decode(String part) throws Exception {
    return JSON.readTree(Base64.getUrlDecoder().decode(part));
  }
}
