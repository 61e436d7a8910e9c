package dev.portcullis.cache.minilm;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.portcullis.cache.Embedder;

/**
 * all-MiniLM-L6-v2 in process, through LangChain4j's ONNX runtime: the model ships inside its jar, nothing is
 * downloaded. Loaded only when a semantic cache is first used, and only when its jar is on the class path.
 */
public final class MiniLmEmbedder implements Embedder {

  private final AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();

  @Override
  public float[] embed(String text) {
    float[] v = model.embed(text).content().vector();
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < v.length; i++) {
      v[i] *= scale;
    }
    return v;
  }

  @Override
  public int dimensions() {
    return 384;
  }
}
