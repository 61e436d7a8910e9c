package dev.portcullis.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.time.GatewayClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The vectors of stored answers, in process: one group per exact part of the questions (see
 * {@link SemanticQuestion}), each scanned whole on a lookup (a flat scan: at 10,000 vectors of 384 dimensions it
 * takes about a millisecond), bounded per group by {@link #MAX_PER_GROUP} (the oldest go first) and over every group by
 * the bytes of their vectors (the least used groups go first). A vector stays while its answer's max age lasts.
 */
public final class SemanticIndex {

  /** The most vectors one group keeps. */
  public static final int MAX_PER_GROUP = 10_000;

  private final Cache<CacheKey, Group> groups;
  private final GatewayClock clock;
  private final float threshold;

  /**
   * @param maxBytes the most bytes of vectors and texts kept at once
   * @param threshold the least cosine similarity a match needs
   */
  public SemanticIndex(long maxBytes, float threshold, GatewayClock clock) {
    this.clock = clock;
    this.threshold = threshold;
    this.groups = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((CacheKey key, Group group) -> group.weight())
        .ticker(clock::nanoTime)
        .executor(Runnable::run)
        .build();
  }

  /** One stored question: its vector and text, the key of its answer, and when it expires. */
  private record Entry(float[] vector, String text, CacheKey answer, long expiresNanos) {
    int weight() {
      return vector.length * 4 + text.length() * 2 + 200;
    }
  }

  private static final class Group {
    private final Deque<Entry> entries = new ArrayDeque<>();
    private volatile int weight;

    synchronized void add(Entry entry) {
      entries.removeIf(e -> e.answer().equals(entry.answer()));
      entries.addLast(entry);
      while (entries.size() > MAX_PER_GROUP) {
        entries.removeFirst();
      }
      weight = entries.stream().mapToInt(Entry::weight).sum();
    }

    synchronized Entry nearest(float[] vector, String text, float threshold, long now) {
      Entry best = null;
      float bestScore = threshold;
      for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
        Entry e = it.next();
        if (e.expiresNanos() - now <= 0) {
          it.remove();
          continue;
        }
        float score = cosine(vector, e.vector());
        if (score >= bestScore && NearMissGuard.sameFacts(text, e.text())) {
          best = e;
          bestScore = score;
        }
      }
      return best;
    }

    int weight() {
      return weight;
    }
  }

  /** The key of the answer to the stored question closest to {@code question}, close enough, or null. */
  public CacheKey nearest(SemanticQuestion question, float[] vector) {
    Group group = groups.getIfPresent(question.group());
    if (group == null) {
      return null;
    }
    Entry best = group.nearest(vector, question.text(), threshold, clock.nanoTime());
    return best == null ? null : best.answer();
  }

  /** Remembers {@code question} as answered by the answer stored under {@code answer}, for {@code maxAge}. */
  public void add(SemanticQuestion question, float[] vector, CacheKey answer, Duration maxAge) {
    Group group = groups.get(question.group(), k -> new Group());
    group.add(new Entry(vector, question.text(), answer, clock.nanoTime() + maxAge.toNanos()));
    groups.put(question.group(), group);
  }

  /** Forgets the questions of a workspace, of one namespace or all ({@code namespace} null). */
  public void purge(String workspaceId, String namespace) {
    groups.asMap().keySet().removeIf(k -> k.workspaceId().equals(workspaceId)
        && (namespace == null || namespace.equals(k.namespace())));
  }

  /** The cosine similarity of two unit vectors. */
  public static float cosine(float[] a, float[] b) {
    float sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
