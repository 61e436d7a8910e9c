package dev.portcullis.provider.openai;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.wire.Dialect;
import dev.portcullis.provider.ChatCodec;
import dev.portcullis.provider.ProviderAdapter;
import dev.portcullis.provider.Target;
import java.net.URI;

/**
 * Every OpenAI-wire provider (the rows of the compatible family): OpenAI bodies pass through; other dialects are
 * translated to OpenAI chat.
 */
public final class OpenAiAdapter implements ProviderAdapter {

  private final ChatCodec chat = new OpenAiChatCodec();
  /**
   * Passthrough URLs without a query, by their text: every call of the family asks for one, and parsing a URL per
   * call showed in profiles of the passthrough path. Bounded, since custom hosts come from callers.
   */
  private final Cache<String, URI> urls = Caffeine.newBuilder().maximumSize(4_096).build();

  @Override
  public boolean speaks(Dialect dialect) {
    return dialect == Dialect.OPENAI;
  }

  @Override
  public URI url(Target target, String endpoint, String query) {
    if (query != null) {
      return ProviderAdapter.super.url(target, endpoint, query);
    }
    return urls.get(target.baseUrl() + endpoint, URI::create);
  }

  @Override
  public ChatCodec chat(Target target) {
    return chat;
  }
}
