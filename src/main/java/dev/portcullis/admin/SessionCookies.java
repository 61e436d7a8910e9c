package dev.portcullis.admin;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless dashboard sessions: the cookie is {@code keyId.expiry.nonce.signature}, signed with HMAC-SHA256 under a
 * server secret every node shares (derived from the vault's master key), so any node can check it and no table holds
 * sessions. The CSRF token a session's pages carry is an HMAC of its nonce under the same secret. A cookie names the
 * key by id only; the key itself is re-checked on every call, so revoking it ends its sessions.
 */
public final class SessionCookies {

  public static final String COOKIE = "portcullis_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  public static final Duration LIFETIME = Duration.ofHours(8);

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec secret;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public SessionCookies(byte[] secret, Clock clock) {
    if (secret.length < 32) {
      throw new IllegalArgumentException("session secret: " + secret.length + " bytes (expected: at least 32)");
    }
    this.secret = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.clock = clock;
  }

  /** A new session for the key {@code keyId}, ending {@link #LIFETIME} from now. */
  public DashboardSession open(String keyId) {
    byte[] nonce = new byte[18];
    random.nextBytes(nonce);
    return new DashboardSession(keyId, clock.instant().plus(LIFETIME).truncatedTo(ChronoUnit.SECONDS),
        B64.encodeToString(nonce));
  }

  /** The session's cookie: HttpOnly, SameSite=Strict, for the whole site, Secure when the page came over TLS. */
  public Cookie cookie(DashboardSession session, boolean secure) {
    String payload = B64.encodeToString(session.keyId().getBytes(StandardCharsets.UTF_8)) + "."
        + session.expiresAt().getEpochSecond() + "." + session.nonce();
    return Cookie.cookie(COOKIE, payload + "." + sign("session:" + payload)).setPath("/").setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT).setSecure(secure).setMaxAge(LIFETIME.toSeconds());
  }

  /** The cookie that signs a browser out: empty and already expired. */
  public static Cookie signedOut(boolean secure) {
    return Cookie.cookie(COOKIE, "").setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
        .setSecure(secure).setMaxAge(0);
  }

  /** The session a cookie value carries, when its signature holds and it has not ended. */
  public Optional<DashboardSession> read(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String[] parts = value.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    String payload = parts[0] + "." + parts[1] + "." + parts[2];
    if (!same(sign("session:" + payload), parts[3])) {
      return Optional.empty();
    }
    try {
      Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[1]));
      if (!clock.instant().isBefore(expires)) {
        return Optional.empty();
      }
      return Optional.of(new DashboardSession(new String(B64_DECODER.decode(parts[0]), StandardCharsets.UTF_8),
          expires, parts[2]));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The CSRF token of a session: what its pages send in {@link #CSRF_HEADER} with every admin call. */
  public String csrfToken(DashboardSession session) {
    return sign("csrf:" + session.nonce());
  }

  /** Whether {@code presented} is the session's CSRF token (compared in constant time). */
  public boolean csrfMatches(DashboardSession session, String presented) {
    return presented != null && same(csrfToken(session), presented);
  }

  private String sign(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(secret);
      return B64.encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this JDK", e);
    }
  }

  private static boolean same(String expected, String presented) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        presented.getBytes(StandardCharsets.UTF_8));
  }
}
