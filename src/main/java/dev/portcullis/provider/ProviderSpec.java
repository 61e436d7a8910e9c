package dev.portcullis.provider;

/**
 * One provider, described as data: where it lives and how it wants its credential.
 *
 * @param id provider id as users write it ({@code groq}, {@code openai})
 * @param baseUrl default base URL including the version path, or null when the user must give one
 * @param authHeader header carrying the credential ({@code Authorization})
 * @param authPrefix text before the credential in that header ({@code "Bearer "}), may be empty
 * @param requiresKey whether calls without a credential make sense (false for local servers)
 */
public record ProviderSpec(String id, String baseUrl, String authHeader, String authPrefix, boolean requiresKey) {

  static ProviderSpec bearer(String id, String baseUrl) {
    return new ProviderSpec(id, baseUrl, "Authorization", "Bearer ", true);
  }

  static ProviderSpec local(String id, String baseUrl) {
    return new ProviderSpec(id, baseUrl, "Authorization", "Bearer ", false);
  }
}
