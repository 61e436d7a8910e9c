package dev.portcullis.provider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every provider the gateway can reach through the OpenAI wire format, one row each. Adding an OpenAI-compatible
 * provider is adding a row here, not a class.
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
  }

  /** Short names users also write, mapped to the row ids Portkey uses. */
  private static final Map<String, String> ALIASES = Map.of(
      "mistral", "mistral-ai",
      "together", "together-ai",
      "fireworks", "fireworks-ai",
      "xai", "x-ai",
      "perplexity", "perplexity-ai",
      "lmstudio", "lm-studio",
      "openai-compatible", "custom");

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
