package dev.portcullis.provider;

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
    natives.put("google", new GeminiAdapter(clock));
    natives.put("vertex-ai", new VertexAdapter(vertx, clock));
  }

  /** The adapter for a provider row. */
  public ProviderAdapter of(ProviderSpec spec) {
    ProviderAdapter adapter = natives.get(spec.id());
    return adapter != null ? adapter : openAi;
  }
}
