package dev.portcullis.api.openai;

import dev.portcullis.api.ChatDialect;
import dev.portcullis.wire.Dialect;
import dev.portcullis.api.StreamEncoder;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.wire.OpenAiChatRequestDecoder;
import dev.portcullis.wire.OpenAiChatResponseEncoder;
import dev.portcullis.wire.OpenAiErrorEncoder;
import io.vertx.core.buffer.Buffer;

/** OpenAI's chat format as clients speak it: {@code /v1/chat/completions} and its {@code data:} stream. */
public final class OpenAiChatDialect implements ChatDialect {

  public static final OpenAiChatDialect INSTANCE = new OpenAiChatDialect();

  private OpenAiChatDialect() {}

  @Override
  public Dialect id() {
    return Dialect.OPENAI;
  }

  @Override
  public ChatRequest decode(Buffer body) {
    return OpenAiChatRequestDecoder.decode(body);
  }

  @Override
  public Buffer encode(ChatResponse response, ChatRequest request) {
    return Buffer.buffer(OpenAiChatResponseEncoder.encode(response));
  }

  @Override
  public StreamEncoder stream(ChatRequest request) {
    return new OpenAiStreamEncoder(request.includeUsage());
  }

  @Override
  public Buffer error(GatewayException error) {
    return Buffer.buffer(OpenAiErrorEncoder.encode(error));
  }
}
