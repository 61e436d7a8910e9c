package dev.portcullis.api.anthropic;

import dev.portcullis.api.ChatDialect;
import dev.portcullis.wire.Dialect;
import dev.portcullis.api.StreamEncoder;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ChatResponse;
import io.vertx.core.buffer.Buffer;

/**
 * Anthropic's Messages format as clients speak it: {@code POST /v1/messages}, its message object, its
 * {@code event:}/{@code data:} stream and its error object, in front of any provider.
 */
public final class AnthropicChatDialect implements ChatDialect {

  public static final AnthropicChatDialect INSTANCE = new AnthropicChatDialect();

  private AnthropicChatDialect() {}

  @Override
  public Dialect id() {
    return Dialect.ANTHROPIC;
  }

  @Override
  public ChatRequest decode(Buffer body) {
    return AnthropicChatRequestDecoder.decode(body);
  }

  @Override
  public Buffer encode(ChatResponse response, ChatRequest request) {
    return AnthropicMessageEncoder.encode(response);
  }

  @Override
  public StreamEncoder stream(ChatRequest request) {
    return new AnthropicStreamEncoder(request.model());
  }

  @Override
  public Buffer error(GatewayException error) {
    return AnthropicErrorEncoder.encode(error);
  }
}
