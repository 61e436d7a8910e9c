package dev.portcullis.guard;

import java.util.List;
import java.util.Map;

/**
 * What the checks of one hook read.
 *
 * @param texts every text of the request (each message's text, each tool call's arguments) or of the answer
 * @param lastText the last message's text on input, the answer's text on output (Portkey's checks read this)
 * @param model the model the request names, or null
 * @param metadata the request's metadata
 */
public record GuardSubject(List<String> texts, String lastText, String model, Map<String, String> metadata) {

  public GuardSubject {
    texts = List.copyOf(texts);
    lastText = lastText == null ? "" : lastText;
    metadata = Map.copyOf(metadata);
  }

  /** Sizes only: the texts may hold what the checks look for. */
  @Override
  public String toString() {
    return "GuardSubject[" + texts.size() + " texts, last " + lastText.length() + " chars, model=" + model + "]";
  }
}
