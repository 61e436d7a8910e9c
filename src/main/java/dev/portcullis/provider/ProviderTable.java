package dev.portcullis.provider;

import dev.portcullis.provider.anthropic.AnthropicProvider;
import dev.portcullis.provider.azure.AzureOpenAiProvider;
import dev.portcullis.provider.bedrock.BedrockProvider;
import dev.portcullis.provider.cohere.CohereProvider;
import dev.portcullis.provider.gemini.GeminiProvider;
import dev.portcullis.provider.vertex.VertexProvider;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every provider the gateway can reach, one row each: the OpenAI-compatible family (adding one is adding a row
 * here, not a class) and the native providers, whose spec lives in their own folder beside their adapter (adding one
 * is that folder and its row here).
 */
public final class ProviderTable {

  private static final Map<String, ProviderSpec> ROWS = new LinkedHashMap<>();

  static {
    row(ProviderSpec.openAiCompatible("openai", "https://api.openai.com/v1").withStreamUsageOption());
    row(ProviderSpec.openAiCompatible("groq", "https://api.groq.com/openai/v1").withStreamUsageOption());
    row(ProviderSpec.openAiCompatible("mistral-ai", "https://api.mistral.ai/v1"));
    row(ProviderSpec.openAiCompatible("together-ai", "https://api.together.xyz/v1"));
    row(ProviderSpec.openAiCompatible("fireworks-ai", "https://api.fireworks.ai/inference/v1"));
    row(ProviderSpec.openAiCompatible("deepseek", "https://api.deepseek.com/v1").withStreamUsageOption());
    row(ProviderSpec.openAiCompatible("x-ai", "https://api.x.ai/v1").withStreamUsageOption());
    row(ProviderSpec.openAiCompatible("perplexity-ai", "https://api.perplexity.ai"));
    row(ProviderSpec.openAiCompatible("openrouter", "https://openrouter.ai/api/v1"));
    row(ProviderSpec.openAiCompatible("cerebras", "https://api.cerebras.ai/v1"));
    row(ProviderSpec.openAiCompatible("deepinfra", "https://api.deepinfra.com/v1/openai").withStreamUsageOption());
    row(ProviderSpec.local("ollama", "http://127.0.0.1:11434/v1").withStreamUsageOption());
    row(ProviderSpec.local("vllm", "http://127.0.0.1:8000/v1").withStreamUsageOption());
    row(ProviderSpec.local("lm-studio", "http://127.0.0.1:1234/v1"));
    row(ProviderSpec.local("custom", null));
    row(AnthropicProvider.SPEC);
    row(GeminiProvider.SPEC);
    row(VertexProvider.SPEC);
    row(BedrockProvider.SPEC);
    row(AzureOpenAiProvider.SPEC);
    row(CohereProvider.SPEC);
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

  /** Every row, in table order. */
  public static Collection<ProviderSpec> all() {
    return ROWS.values();
  }
}
