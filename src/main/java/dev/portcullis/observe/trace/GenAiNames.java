package dev.portcullis.observe.trace;

import java.util.Map;

/**
 * The GenAI semantic conventions' names for what the gateway calls by its own: the operation of an endpoint
 * ({@code gen_ai.operation.name}) and a provider's well-known name ({@code gen_ai.provider.name}).
 */
final class GenAiNames {

  /** Endpoint path → operation; endpoints the conventions name no operation for are left out. */
  private static final Map<String, String> OPERATIONS = Map.of(
      "/v1/chat/completions", "chat",
      "/v1/messages", "chat",
      "/v1/responses", "chat",
      "/v1/completions", "text_completion",
      "/v1/embeddings", "embeddings");

  /** Provider ids whose conventional name differs; every other id is its own name. */
  private static final Map<String, String> PROVIDERS = Map.of(
      "google", "gcp.gemini",
      "vertex-ai", "gcp.vertex_ai",
      "bedrock", "aws.bedrock",
      "azure-openai", "azure.ai.openai",
      "mistral-ai", "mistral_ai",
      "x-ai", "x_ai",
      "perplexity-ai", "perplexity");

  private GenAiNames() {}

  /** The operation of a request path, or null when the conventions name none for it. */
  static String operation(String path) {
    return OPERATIONS.get(path);
  }

  /** The conventional name of a provider id, or null for null. */
  static String provider(String providerId) {
    return providerId == null ? null : PROVIDERS.getOrDefault(providerId, providerId);
  }
}
