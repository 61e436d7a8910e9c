package dev.portcullis.provider.openai;

import dev.portcullis.wire.OpenAiChatRequestEncoder;
import dev.portcullis.wire.OpenAiChatResponseDecoder;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.provider.ChatCodec;
import dev.portcullis.provider.ChunkDecoder;
import dev.portcullis.provider.UnsupportedParameters;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.provider.Target;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Chat in OpenAI's own format, for clients of another dialect calling an OpenAI-wire provider. Streams always ask
 * for the usage chunk, so the call is recorded with its tokens whatever the client asked.
 */
public final class OpenAiChatCodec implements ChatCodec {

  private final Function<Target, URI> chatUrl;

  /** Posts to {@code <base URL>/chat/completions}. */
  public OpenAiChatCodec() {
    this(target -> URI.create(target.baseUrl() + "/chat/completions"));
  }

  /**
   * Posts to the URL {@code chatUrl} gives for a target, for providers that place chat elsewhere (Azure's
   * deployment path and {@code api-version} query).
   */
  public OpenAiChatCodec(Function<Target, URI> chatUrl) {
    this.chatUrl = chatUrl;
  }

  /**
   * The request in OpenAI's format. It comes from another dialect, so fields without an OpenAI meaning (kept as
   * extras, such as Anthropic's {@code top_k} or {@code thinking}) are dropped rather than sent to be refused.
   */
  @Override
  public WireRequest request(ChatRequest request, Target target, boolean strict) {
    List<String> dropped = UnsupportedParameters.check(request, Set.of(), Set.of(), target.provider().id(), strict);
    ChatRequest outgoing = request.toBuilder().model(target.model() != null ? target.model() : request.model())
        .includeUsage(request.stream()).extra(Map.of()).build();
    return WireRequest.postJson(chatUrl.apply(target), OpenAiChatRequestEncoder.encode(outgoing), dropped);
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
