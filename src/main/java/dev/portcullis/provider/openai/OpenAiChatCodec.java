package dev.portcullis.provider.openai;

import dev.portcullis.api.openai.OpenAiChatRequestEncoder;
import dev.portcullis.api.openai.OpenAiChatResponseDecoder;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.provider.ChatCodec;
import dev.portcullis.provider.ChunkDecoder;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.routing.Target;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.util.List;

/**
 * Chat in OpenAI's own format, for clients of another dialect calling an OpenAI-wire provider. Streams always ask
 * for the usage chunk, so the call is recorded with its tokens whatever the client asked.
 */
public final class OpenAiChatCodec implements ChatCodec {

  @Override
  public WireRequest request(ChatRequest request, Target target, boolean strict) {
    ChatRequest outgoing = request.toBuilder().model(target.model() != null ? target.model() : request.model())
        .includeUsage(request.stream()).build();
    return WireRequest.postJson(URI.create(target.baseUrl() + "/chat/completions"),
        OpenAiChatRequestEncoder.encode(outgoing), List.of());
  }

  @Override
  public ChatResponse response(Buffer body, ChatRequest request, Target target) {
    return OpenAiChatResponseDecoder.decode(body);
  }

  @Override
  public ChunkDecoder stream(ChatRequest request, Target target) {
    return new OpenAiStreamDecoder();
  }
}
