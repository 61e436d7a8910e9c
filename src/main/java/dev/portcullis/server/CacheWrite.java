package dev.portcullis.server;

import dev.portcullis.cache.CacheKey;
import dev.portcullis.cache.ResponseCache;
import dev.portcullis.cache.StreamCapture;
import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.model.Choice;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The cache's store, in the relay's chunk-transform slot: it passes every chunk on unchanged and stores the answer
 * once it is complete. A whole answer is stored as it passes; a stream once it ended with every choice finished. The
 * relay feeds this slot only with successful answers and never ends a broken stream through it, so errors and cut
 * streams are never stored.
 */
final class CacheWrite implements ChunkTransform {

  private final ResponseCache cache;
  private final CacheKey key;
  private final Duration maxAge;
  private final Runnable stored;
  private final StreamCapture capture = new StreamCapture();

  /**
   * @param stored what to do once the answer is stored (the semantic index remembers the question)
   */
  CacheWrite(ResponseCache cache, CacheKey key, Duration maxAge, Runnable stored) {
    this.cache = cache;
    this.key = key;
    this.maxAge = maxAge;
    this.stored = stored;
  }

  private void store(ChatResponse answer) {
    cache.store(key, answer, maxAge);
    stored.run();
  }

  @Override
  public List<ChatChunk> chunk(ChatChunk chunk) {
    capture.add(chunk);
    return List.of(chunk);
  }

  @Override
  public List<ChatChunk> end() {
    capture.complete().ifPresent(this::store);
    return List.of();
  }

  @Override
  public ChatResponse whole(ChatResponse response) {
    if (!response.choices().isEmpty()
        && response.choices().stream().map(Choice::finishReason).allMatch(Objects::nonNull)) {
      store(response);
    }
    return response;
  }
}
