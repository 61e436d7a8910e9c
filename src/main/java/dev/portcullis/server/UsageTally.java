package dev.portcullis.server;

import dev.portcullis.model.Usage;

/**
 * The token counts of one call, added up from the usage reports its answer carries. A count a report leaves unknown
 * keeps what an earlier report said (Anthropic's stream reports input and output in separate events); a total no
 * report gives is the sum. Counts never reported stay null, which is not the same as 0.
 */
final class UsageTally {

  private Integer promptTokens;
  private Integer completionTokens;
  private Integer totalTokens;
  private Integer cachedTokens;
  private Integer cacheWriteTokens;
  private Integer reasoningTokens;
  private int dataEvents;

  /** Counts one {@code data:} event of a stream, for an estimate of its output when no usage is reported. */
  void dataEvent() {
    dataEvents++;
  }

  /** The {@code data:} events of the stream relayed so far (its {@code [DONE]} included). */
  int dataEvents() {
    return dataEvents;
  }

  void add(Usage usage) {
    if (usage == null) {
      return;
    }
    if (usage.promptTokens() != null) {
      promptTokens = usage.promptTokens();
    }
    if (usage.completionTokens() != null) {
      completionTokens = usage.completionTokens();
    }
    if (usage.cachedTokens() != null) {
      cachedTokens = usage.cachedTokens();
    }
    if (usage.cacheCreationTokens() != null) {
      cacheWriteTokens = usage.cacheCreationTokens();
    }
    if (usage.reasoningTokens() != null) {
      reasoningTokens = usage.reasoningTokens();
    }
    if (usage.totalTokens() != null) {
      totalTokens = usage.totalTokens();
    } else if (promptTokens != null && completionTokens != null) {
      totalTokens = promptTokens + completionTokens;
    }
  }

  Integer promptTokens() {
    return promptTokens;
  }

  Integer completionTokens() {
    return completionTokens;
  }

  Integer totalTokens() {
    return totalTokens;
  }

  Integer cachedTokens() {
    return cachedTokens;
  }

  Integer reasoningTokens() {
    return reasoningTokens;
  }

  Integer cacheWriteTokens() {
    return cacheWriteTokens;
  }
}
