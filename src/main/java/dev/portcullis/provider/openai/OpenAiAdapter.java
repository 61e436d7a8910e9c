package dev.portcullis.provider.openai;

import dev.portcullis.api.Dialect;
import dev.portcullis.provider.ChatCodec;
import dev.portcullis.provider.ProviderAdapter;
import dev.portcullis.routing.Target;

/**
 * Every OpenAI-wire provider (the rows of the compatible family): OpenAI bodies pass through; other dialects are
 * translated to OpenAI chat.
 */
public final class OpenAiAdapter implements ProviderAdapter {

  private final ChatCodec chat = new OpenAiChatCodec();

  @Override
  public boolean speaks(Dialect dialect) {
    return dialect == Dialect.OPENAI;
  }

  @Override
  public ChatCodec chat(Target target) {
    return chat;
  }
}
