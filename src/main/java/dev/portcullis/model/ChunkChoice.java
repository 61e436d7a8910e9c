package dev.portcullis.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One choice's progress in a streamed chunk.
 *
 * @param index which choice
 * @param delta what this chunk adds to it
 * @param finishReason why it stopped, on its last chunk only; null before
 * @param logprobs log probabilities of this chunk's tokens as the provider sent them, or null
 */
public record ChunkChoice(int index, Delta delta, FinishReason finishReason, JsonNode logprobs) {

  public ChunkChoice {
    Objects.requireNonNull(delta, "delta");
  }
}
