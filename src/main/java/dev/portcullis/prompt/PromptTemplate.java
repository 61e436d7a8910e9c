package dev.portcullis.prompt;

import java.util.List;

/** What a prompt renders: chat messages (for {@code /v1/chat/completions}) or one text (for {@code /v1/completions}). */
public sealed interface PromptTemplate {

  /** The mustache sources of the template, each message's content or the one text. */
  List<String> sources();

  /** Chat messages whose contents are mustache templates. */
  record Chat(List<PromptMessage> messages) implements PromptTemplate {
    public Chat {
      messages = List.copyOf(messages);
    }

    @Override
    public List<String> sources() {
      return messages.stream().map(PromptMessage::content).toList();
    }
  }

  /** One mustache text, sent as a completion's {@code prompt}. */
  record Text(String text) implements PromptTemplate {
    @Override
    public List<String> sources() {
      return List.of(text);
    }
  }
}
