package dev.portcullis.provider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every provider the gateway can reach, one row each: the OpenAI-compatible family (adding one is adding a row
 * here, not a class) and the native providers, whose translation code lives in their {@link ProviderAdapter}. A
 * base URL may name credential fields in braces ({@code {aws_region}}), filled from the target's fields.
 */
public final class ProviderTable {

  private static final Map<String, ProviderSpec> ROWS = new LinkedHashMap<>();

  static {
    row(ProviderSpec.bearer("openai", "https://api.openai.com/v1"));
    row(ProviderSpec.bearer("groq", "https://api.groq.com/openai/v1"));
    row(ProviderSpec.bearer("mistral-ai", "https://api.mistral.ai/v1"));
    row(ProviderSpec.bearer("together-ai", "https://api.together.xyz/v1"));
    row(ProviderSpec.bearer("fireworks-ai", "https://api.fireworks.ai/inference/v1"));
    row(ProviderSpec.bearer("deepseek", "https://api.deepseek.com/v1"));
    row(ProviderSpec.bearer("x-ai", "https://api.x.ai/v1"));
    row(ProviderSpec.bearer("perplexity-ai", "https://api.perplexity.ai"));
    row(ProviderSpec.bearer("openrouter", "https://openrouter.ai/api/v1"));
    row(ProviderSpec.bearer("cerebras", "https://api.cerebras.ai/v1"));
    row(ProviderSpec.bearer("deepinfra", "https://api.deepinfra.com/v1/openai"));
    row(ProviderSpec.local("ollama", "http://127.0.0.1:11434/v1"));
    row(ProviderSpec.local("vllm", "http://127.0.0.1:8000/v1"));
    row(ProviderSpec.local("lm-studio", "http://127.0.0.1:1234/v1"));
    row(ProviderSpec.local("custom", null));
    row(new ProviderSpec("anthropic", "https://api.anthropic.com/v1", "x-api-key", "", true));
    row(new ProviderSpec("google", "https://generativelanguage.googleapis.com/v1beta", "x-goog-api-key", "", true));
    row(new ProviderSpec("vertex-ai", "https://{vertex_region}-aiplatform.googleapis.com/v1", "Authorization",
        "Bearer ", false));
    row(new ProviderSpec("bedrock", "https://bedrock-runtime.{aws_region}.amazonaws.com", "Authorization", "",
        false));
    row(new ProviderSpec("azure-openai", "https://{resource_name}.openai.azure.com/openai", "api-key", "", true));
    row(ProviderSpec.bearer("cohere", "https://api.cohere.com/v2"));
  }

  /** Short names users also write, mapped to the row ids Portkey uses. */
  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("mistral", "mistral-ai"),
      Map.entry("together", "together-ai"),
      Map.entry("fireworks", "fireworks-ai"),
      Map.entry("xai", "x-ai"),
      Map.entry("perplexity", "perplexity-ai"),
      Map.entry("lmstudio", "lm-studio"),
      Map.entry("openai-compatible", "custom"),
      Map.entry("gemini", "google"),
      Map.entry("vertex", "vertex-ai"),
      Map.entry("aws-bedrock", "bedrock"),
      Map.entry("azure", "azure-openai"));

  private ProviderTable() {}

  private static void row(ProviderSpec spec) {
    ROWS.put(spec.id(), spec);
  }

  /** Finds a provider by id or alias, case-insensitively. */
  public static Optional<ProviderSpec> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String lower = id.toLowerCase(java.util.Locale.ROOT);
    ProviderSpec spec = ROWS.get(lower);
    if (spec == null) {
      String canonical = ALIASES.get(lower);
      spec = canonical == null ? null : ROWS.get(canonical);
    }
    return Optional.ofNullable(spec);
  }

  public static Set<String> ids() {
    return ROWS.keySet();
  }
}
