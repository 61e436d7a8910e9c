package dev.portcullis.provider.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Predicate;

/**
 * A Google service-account key, read from the JSON file Google Cloud issues, and the signed JWT it trades for an
 * access token (RFC 7523: RS256, {@code iss} the account, {@code aud} the token endpoint, one hour).
 *
 * @param clientEmail the account, {@code client_email}
 * @param privateKeyId {@code private_key_id}, sent as the JWT's {@code kid}, or null
 * @param privateKey the RSA key from {@code private_key} (PKCS#8 PEM)
 * @param tokenUri where tokens are minted, {@code token_uri} (Google's by default)
 */
record ServiceAccountKey(String clientEmail, String privateKeyId, PrivateKey privateKey, URI tokenUri) {

  static final String FIELD = "vertex_service_account_json";
  static final URI GOOGLE_TOKEN_URI = URI.create("https://oauth2.googleapis.com/token");
  static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";
  static final Duration LIFETIME = Duration.ofHours(1);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PEM_END = "-----END PRIVATE KEY-----";

  /**
   * Reads a key file's JSON.
   *
   * @param allowedTokenUri the token endpoints the gateway may call (a key names its own, which must not send the
   *     gateway elsewhere)
   * @throws GatewayException.BadRequest naming {@value #FIELD} and what is wrong, never its secret
   */
  static ServiceAccountKey parse(String json, Predicate<URI> allowedTokenUri) {
    JsonNode key;
    try {
      key = JSON.readTree(json);
    } catch (IOException e) {
      throw invalid("not valid JSON (expected: the service account key file Google Cloud issues, a JSON object)");
    }
    if (key == null || !key.isObject()) {
      throw invalid("not a JSON object (expected: the service account key file Google Cloud issues)");
    }
    String email = key.path("client_email").textValue();
    String pem = key.path("private_key").textValue();
    if (email == null || email.isBlank() || pem == null || pem.isBlank()) {
      throw invalid("no client_email or private_key (expected: a service account key with both)");
    }
    URI tokenUri = tokenUri(key.path("token_uri").textValue(), allowedTokenUri);
    return new ServiceAccountKey(email, key.path("private_key_id").textValue(), privateKey(pem), tokenUri);
  }

  private static URI tokenUri(String text, Predicate<URI> allowed) {
    if (text == null || text.isBlank()) {
      return GOOGLE_TOKEN_URI;
    }
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw invalid("token_uri '" + text + "' is not a URI (expected: " + GOOGLE_TOKEN_URI + ")");
    }
    if (!allowed.test(uri)) {
      throw invalid("token_uri '" + text + "' is not a Google token endpoint (expected: " + GOOGLE_TOKEN_URI + ")");
    }
    return uri;
  }

  private static PrivateKey privateKey(String pem) {
    int begin = pem.indexOf(PEM_BEGIN);
    int end = pem.indexOf(PEM_END);
    if (begin < 0 || end < begin) {
      throw invalid("private_key is not a PKCS#8 PEM key (expected: the '" + PEM_BEGIN + "' block Google issues)");
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + PEM_BEGIN.length(), end));
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw invalid("private_key is not a readable RSA key (expected: the '" + PEM_BEGIN + "' block Google issues)");
    }
  }

  /** The signed JWT asking for a cloud-platform token, issued at {@code now}. */
  String assertion(Instant now) {
    ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
    if (privateKeyId != null) {
      header.put("kid", privateKeyId);
    }
    ObjectNode claims = JSON.createObjectNode()
        .put("iss", clientEmail)
        .put("scope", SCOPE)
        .put("aud", tokenUri.toString())
        .put("iat", now.getEpochSecond())
        .put("exp", now.plus(LIFETIME).getEpochSecond());
    String signingInput = base64Url(header.toString()) + "." + base64Url(claims.toString());
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(privateKey);
      rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw invalid("private_key cannot sign with RS256 (expected: an RSA key)");
    }
  }

  private static String base64Url(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static GatewayException.BadRequest invalid(String problem) {
    return GatewayException.badRequest(FIELD + ": " + problem, FIELD);
  }

  @Override
  public String toString() {
    return "ServiceAccountKey[" + clientEmail + ", token_uri=" + tokenUri + "]";
  }
}
