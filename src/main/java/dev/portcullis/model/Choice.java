package dev.portcullis.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One complete answer.
 *
 * @param index its position among the request's {@code n} choices
 * @param message the assistant's message
 * @param finishReason why it stopped, or null when the provider did not say
 * @param logprobs log probabilities as the provider sent them, or null
 */
public record Choice(int index, Message message, FinishReason finishReason, JsonNode logprobs) {

  public Choice {
    Objects.requireNonNull(message, "message");
  }
}
