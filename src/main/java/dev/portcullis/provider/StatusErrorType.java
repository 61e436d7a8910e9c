package dev.portcullis.provider;

/**
 * The OpenAI error {@code type} a provider's HTTP status stands for, for providers whose error bodies name no type
 * (Cohere's {@code {"message"}}, Azure's {@code {"error":{"code","message"}}}), so clients branch on it as they
 * would on OpenAI's.
 */
public final class StatusErrorType {

  private StatusErrorType() {}

  public static String of(int status) {
    return switch (status) {
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 408, 504 -> "timeout_error";
      case 429 -> "rate_limit_error";
      default -> status >= 400 && status < 500 && status != 499 ? "invalid_request_error" : "api_error";
    };
  }
}
