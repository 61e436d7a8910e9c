package dev.portcullis.provider.azure;

import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.provider.ChatCodec;
import dev.portcullis.provider.ChunkDecoder;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.provider.openai.OpenAiChatCodec;
import dev.portcullis.provider.Target;
import io.vertx.core.buffer.Buffer;

/**
 * Chat for clients of another dialect calling Azure: OpenAI's translation, posted to the deployment URL, with
 * Azure's content-filter chunks given the stream's identity.
 */
final class AzureChatCodec implements ChatCodec {

  private final OpenAiChatCodec openAi = new OpenAiChatCodec(target -> AzureUrl.of(target, "/chat/completions", null));

  @Override
  public WireRequest request(ChatRequest request, Target target, boolean strict) {
    return openAi.request(request, target, strict);
  }

  @Override
  public ChatResponse response(Buffer body, ChatRequest request, Target target) {
    return openAi.response(body, request, target);
  }

  @Override
  public ChunkDecoder stream(ChatRequest request, Target target) {
    return new AzureStreamDecoder(openAi.stream(request, target));
  }
}
