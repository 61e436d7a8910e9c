package dev.portcullis.error;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Every failure the gateway reports to a client. Each subtype fixes the HTTP status and the OpenAI error
 * {@code type}; {@code ErrorRenderer} turns any of them into the one error shape. Messages name the bad value and
 * what was expected, and never carry a secret.
 */
public abstract sealed class GatewayException extends RuntimeException {

  private final String param;
  private final String code;

  private GatewayException(String message, String param, String code) {
    super(message, null, false, false);
    this.param = param;
    this.code = code;
  }

  /** HTTP status the client receives. */
  public abstract int status();

  /** OpenAI-style error type, e.g. {@code invalid_request_error}. */
  public abstract String type();

  /** The request field or header at fault, or null. */
  public String param() {
    return param;
  }

  /** A stable machine-readable code, or null. */
  public String code() {
    return code;
  }

  /** Headers the answer carries besides the error object (a 429's {@code retry-after} and rate-limit headers). */
  public Map<String, String> headers() {
    return Map.of();
  }

  public static BadRequest badRequest(String message) {
    return new BadRequest(message, null, null);
  }

  public static BadRequest badRequest(String message, String param) {
    return new BadRequest(message, param, null);
  }

  public static Unauthorized unauthorized(String message) {
    return new Unauthorized(message);
  }

  public static Forbidden forbidden(String message) {
    return new Forbidden(message);
  }

  public static NotFound notFound(String message) {
    return new NotFound(message);
  }

  public static Conflict conflict(String message) {
    return new Conflict(message);
  }

  public static PayloadTooLarge payloadTooLarge(long limitBytes) {
    return new PayloadTooLarge(limitBytes, "PORTCULLIS_MAX_BODY_BYTES");
  }

  /** 413 naming what sets the limit, e.g. {@code "the admin API's fixed limit"}. */
  public static PayloadTooLarge payloadTooLarge(long limitBytes, String limitSetBy) {
    return new PayloadTooLarge(limitBytes, limitSetBy);
  }

  public static HeaderFieldsTooLarge headerFieldsTooLarge(String message) {
    return new HeaderFieldsTooLarge(message);
  }

  public static UriTooLong uriTooLong(String message) {
    return new UriTooLong(message);
  }

  /** 503 with {@code retry-after: 1}: the gateway is at a capacity limit; the same request may work a moment later. */
  public static Overloaded overloaded(String message) {
    return new Overloaded(message);
  }

  public static RequestTimeout timeout(String message) {
    return new RequestTimeout(message);
  }

  public static UpstreamUnreachable upstreamUnreachable(String message) {
    return new UpstreamUnreachable(message);
  }

  /** 446: a guardrail with {@code deny} failed; {@code hookResults} says which check and why (never the value). */
  public static GuardrailDenied guardrailDenied(String message, JsonNode hookResults) {
    return new GuardrailDenied(message, hookResults);
  }

  public static UnsupportedMediaType unsupportedMediaType(String message) {
    return new UnsupportedMediaType(message);
  }

  /** 403 {@code policy_denied}: a policy rule refused the request; the message names it. */
  public static PolicyDenied policyDenied(String message) {
    return new PolicyDenied(message);
  }

  /**
   * 429 {@code rate_limit_exceeded}: a request or token limit is spent.
   *
   * @param headers {@code retry-after} and the {@code x-ratelimit-*} headers
   */
  public static RateLimited rateLimited(String message, Map<String, String> headers) {
    return new RateLimited(message, headers);
  }

  /** 429 {@code budget_exceeded}: a dollar budget is spent; {@code headers} carry {@code retry-after}. */
  public static BudgetExceeded budgetExceeded(String message, Map<String, String> headers) {
    return new BudgetExceeded(message, headers);
  }

  /**
   * The same failure, its message followed by {@code detail} (what else the client should know, such as every
   * attempt that was made). Status, type, param and code stay.
   */
  public GatewayException withDetail(String detail) {
    String message = getMessage() + detail;
    return switch (this) {
      case BadRequest e -> new BadRequest(message, e.param(), e.code());
      case Unauthorized e -> new Unauthorized(message);
      case Forbidden e -> new Forbidden(message);
      case NotFound e -> new NotFound(message);
      case Conflict e -> new Conflict(message);
      case RequestTimeout e -> new RequestTimeout(message);
      case UpstreamUnreachable e -> new UpstreamUnreachable(message);
      case UnsupportedMediaType e -> new UnsupportedMediaType(message);
      case UpstreamError e -> new UpstreamError(e.status(), e.type(), message, e.param(), e.code());
      case HeaderFieldsTooLarge e -> new HeaderFieldsTooLarge(message);
      case UriTooLong e -> new UriTooLong(message);
      case Overloaded e -> new Overloaded(message);
      case PayloadTooLarge e -> e;
      case PolicyDenied e -> new PolicyDenied(message);
      case RateLimited e -> new RateLimited(message, e.headers());
      case BudgetExceeded e -> new BudgetExceeded(message, e.headers());
      case GuardrailDenied e -> new GuardrailDenied(message, e.hookResults());
    };
  }

  /** 400: the request itself is wrong (JSON, fields, headers, model address). */
  public static final class BadRequest extends GatewayException {
    private BadRequest(String message, String param, String code) {
      super(message, param, code);
    }

    @Override
    public int status() {
      return 400;
    }

    @Override
    public String type() {
      return "invalid_request_error";
    }
  }

  /** 401: no gateway key, or one that is unknown, revoked or expired. */
  public static final class Unauthorized extends GatewayException {
    private Unauthorized(String message) {
      super(message, null, "invalid_api_key");
    }

    @Override
    public int status() {
      return 401;
    }

    @Override
    public String type() {
      return "authentication_error";
    }
  }

  /** 403: the key is valid but may not do this. */
  public static final class Forbidden extends GatewayException {
    private Forbidden(String message) {
      super(message, null, "permission_denied");
    }

    @Override
    public int status() {
      return 403;
    }

    @Override
    public String type() {
      return "permission_error";
    }
  }

  /** 404: no such route or object (or one the caller may not know exists). */
  public static final class NotFound extends GatewayException {
    private NotFound(String message) {
      super(message, null, "not_found");
    }

    @Override
    public int status() {
      return 404;
    }

    @Override
    public String type() {
      return "not_found_error";
    }
  }

  /** 409: the object already exists. */
  public static final class Conflict extends GatewayException {
    private Conflict(String message) {
      super(message, null, "conflict");
    }

    @Override
    public int status() {
      return 409;
    }

    @Override
    public String type() {
      return "invalid_request_error";
    }
  }

  /** 413: the body exceeds the configured limit. */
  public static final class PayloadTooLarge extends GatewayException {
    private PayloadTooLarge(long limitBytes, String limitSetBy) {
      super("request body exceeds the limit of " + limitBytes + " bytes (" + limitSetBy + ")", null,
          "payload_too_large");
    }

    @Override
    public int status() {
      return 413;
    }

    @Override
    public String type() {
      return "invalid_request_error";
    }
  }

  /** 431: the request's headers are larger than the gateway reads. */
  public static final class HeaderFieldsTooLarge extends GatewayException {
    private HeaderFieldsTooLarge(String message) {
      super(message, null, "headers_too_large");
    }

    @Override
    public int status() {
      return 431;
    }

    @Override
    public String type() {
      return "invalid_request_error";
    }
  }

  /** 414: the request line (method, path and query) is longer than the gateway reads. */
  public static final class UriTooLong extends GatewayException {
    private UriTooLong(String message) {
      super(message, null, "uri_too_long");
    }

    @Override
    public int status() {
      return 414;
    }

    @Override
    public String type() {
      return "invalid_request_error";
    }
  }

  /** 503: a capacity limit of the gateway is reached (connections, request bodies held); retry after a second. */
  public static final class Overloaded extends GatewayException {
    private Overloaded(String message) {
      super(message, null, "overloaded");
    }

    @Override
    public int status() {
      return 503;
    }

    @Override
    public String type() {
      return "api_error";
    }

    /** The seconds the client should wait before trying again. */
    public int retryAfterSeconds() {
      return 1;
    }
  }

  /** 408: the call took longer than the request timeout (the upstream call was cancelled), or the headers did. */
  public static final class RequestTimeout extends GatewayException {
    private RequestTimeout(String message) {
      super(message, null, "request_timeout");
    }

    @Override
    public int status() {
      return 408;
    }

    @Override
    public String type() {
      return "timeout_error";
    }
  }

  /** 502: the provider could not be reached (connection refused or reset, DNS failure, TLS failure). */
  public static final class UpstreamUnreachable extends GatewayException {
    private UpstreamUnreachable(String message) {
      super(message, null, "upstream_unreachable");
    }

    @Override
    public int status() {
      return 502;
    }

    @Override
    public String type() {
      return "api_error";
    }
  }

  /**
   * 446 (Portkey's status): a guardrail with {@code deny} failed on the request (the provider was not called) or on
   * the answer. The error body carries {@code hook_results}.
   */
  public static final class GuardrailDenied extends GatewayException {
    private final JsonNode hookResults;

    private GuardrailDenied(String message, JsonNode hookResults) {
      super(message, null, "guardrail_denied");
      this.hookResults = hookResults.deepCopy();
    }

    @Override
    public int status() {
      return 446;
    }

    @Override
    public String type() {
      return "hooks_failed";
    }

    /** {@code {"before_request_hooks": [...], "after_request_hooks": [...]}}. */
    public JsonNode hookResults() {
      return hookResults.deepCopy();
    }
  }

  /** 415: the body is not in a format the endpoint reads. */
  public static final class UnsupportedMediaType extends GatewayException {
    private UnsupportedMediaType(String message) {
      super(message, "content-type", "unsupported_media_type");
    }

    @Override
    public int status() {
      return 415;
    }

    @Override
    public String type() {
      return "invalid_request_error";
    }
  }

  /** 403: a policy rule, or the workspace's deny-by-default, refused the request. */
  public static final class PolicyDenied extends GatewayException {
    private PolicyDenied(String message) {
      super(message, null, "policy_denied");
    }

    @Override
    public int status() {
      return 403;
    }

    @Override
    public String type() {
      return "policy_denied";
    }
  }

  /** 429: a request or token limit of a policy rule is spent until its window ends. */
  public static final class RateLimited extends GatewayException {
    private final Map<String, String> headers;

    private RateLimited(String message, Map<String, String> headers) {
      super(message, null, "rate_limit_exceeded");
      this.headers = Map.copyOf(headers);
    }

    @Override
    public int status() {
      return 429;
    }

    @Override
    public String type() {
      return "rate_limit_error";
    }

    @Override
    public Map<String, String> headers() {
      return headers;
    }
  }

  /** 429: a dollar budget is spent until it resets. */
  public static final class BudgetExceeded extends GatewayException {
    private final Map<String, String> headers;

    private BudgetExceeded(String message, Map<String, String> headers) {
      super(message, null, "budget_exceeded");
      this.headers = Map.copyOf(headers);
    }

    @Override
    public int status() {
      return 429;
    }

    @Override
    public String type() {
      return "budget_exceeded";
    }

    @Override
    public Map<String, String> headers() {
      return headers;
    }
  }

  /** The provider answered with an error; its status, type and message are kept (secrets removed). */
  public static final class UpstreamError extends GatewayException {
    private final int status;
    private final String type;

    public UpstreamError(int status, String type, String message, String param, String code) {
      super(message, param, code);
      this.status = status;
      this.type = type == null ? "api_error" : type;
    }

    @Override
    public int status() {
      return status;
    }

    @Override
    public String type() {
      return type;
    }
  }
}
