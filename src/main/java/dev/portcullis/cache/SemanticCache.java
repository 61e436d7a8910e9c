package dev.portcullis.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.time.GatewayClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Semantic matching: the last user message embedded by the bundled all-MiniLM-L6-v2 (on a worker thread, never on the
 * event loop) and compared with the stored questions of the same exact part by cosine similarity, at least
 * {@link #DEFAULT_THRESHOLD}, and by the {@link NearMissGuard}. Available when the model's jar is on the class path;
 * the model loads on first use.
 */
public final class SemanticCache {

  /** The least cosine similarity of a match, tuned on the project's paraphrase set (docs/caching.md). */
  public static final float DEFAULT_THRESHOLD = 0.90f;

  private static final Logger LOG = LoggerFactory.getLogger(SemanticCache.class);
  private static final String LOCAL_MODEL = "dev.portcullis.cache.minilm.MiniLmEmbedder";

  private final SemanticIndex index;
  private final boolean available;
  private volatile Embedder embedder;

  public SemanticCache(long maxBytes, GatewayClock clock) {
    this.index = new SemanticIndex(maxBytes, DEFAULT_THRESHOLD, clock);
    this.available = present(LOCAL_MODEL);
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, SemanticCache.class.getClassLoader());
      Class.forName("dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel", false,
          SemanticCache.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Whether this build has the embedding model. */
  public boolean available() {
    return available;
  }

  /** The question of a request body whose exact part is keyed like {@link CacheKey#of}; empty when it has none. */
  public Optional<SemanticQuestion> question(String workspaceId, String namespace, String scope, ObjectNode body) {
    return SemanticQuestions.split(body).map(split ->
        new SemanticQuestion(CacheKey.of(workspaceId, namespace, scope, split.rest()), split.text()));
  }

  /** The question's vector, computed on a worker thread. */
  public Future<float[]> embed(Vertx vertx, String text) {
    return vertx.executeBlocking(() -> embedder().embed(text), false);
  }

  /** The key of the stored answer to a close enough question, or null. */
  public CacheKey nearest(SemanticQuestion question, float[] vector) {
    return index.nearest(question, vector);
  }

  /** Remembers that the answer under {@code answer} answers {@code question}; embeds it first when not yet done. */
  public void remember(Vertx vertx, SemanticQuestion question, float[] vector, CacheKey answer, Duration maxAge) {
    Future<float[]> v = vector != null ? Future.succeededFuture(vector) : embed(vertx, question.text());
    v.onSuccess(done -> index.add(question, done, answer, maxAge))
        .onFailure(e -> LOG.warn("could not embed a question for the semantic cache: {}", e.getMessage()));
  }

  public void purge(String workspaceId, String namespace) {
    index.purge(workspaceId, namespace);
  }

  private Embedder embedder() {
    Embedder e = embedder;
    if (e == null) {
      synchronized (this) {
        if (embedder == null) {
          try {
            embedder = (Embedder) Class.forName(LOCAL_MODEL).getDeclaredConstructor().newInstance();
          } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("the embedding model could not be loaded: " + ex.getMessage(), ex);
          }
        }
        e = embedder;
      }
    }
    return e;
  }
}
