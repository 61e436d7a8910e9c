package dev.portcullis.provider;

import dev.portcullis.provider.anthropic.AnthropicAdapter;
import dev.portcullis.provider.bedrock.BedrockAdapter;
import dev.portcullis.provider.azure.AzureOpenAiAdapter;
import dev.portcullis.provider.cohere.CohereAdapter;
import dev.portcullis.provider.gemini.GeminiAdapter;
import dev.portcullis.provider.openai.OpenAiAdapter;
import dev.portcullis.provider.vertex.VertexAdapter;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The adapter of every provider row: native providers by id, the OpenAI-compatible family sharing one. Built once
 * per gateway, since some adapters hold state (cached access tokens).
 */
public final class ProviderAdapters {

  private final ProviderAdapter openAi = new OpenAiAdapter();
  private final Map<String, ProviderAdapter> natives = new HashMap<>();

  /**
   * @param vertx for adapters that fetch access tokens
   * @param clock the time tokens and signatures are computed against
   */
  public ProviderAdapters(Vertx vertx, Clock clock) {
    natives.put("anthropic", new AnthropicAdapter(clock));
    natives.put("bedrock", new BedrockAdapter(clock));
    natives.put("azure-openai", new AzureOpenAiAdapter());
    natives.put("cohere", new CohereAdapter(clock));
    natives.put("google", new GeminiAdapter(clock));
    natives.put("vertex-ai", new VertexAdapter(vertx, clock));
  }

  /** The adapter for a provider row. */
  public ProviderAdapter of(ProviderSpec spec) {
    ProviderAdapter adapter = natives.get(spec.id());
    return adapter != null ? adapter : openAi;
  }
}
