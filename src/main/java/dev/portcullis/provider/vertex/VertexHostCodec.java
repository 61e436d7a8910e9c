package dev.portcullis.provider.vertex;

import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.provider.ChatCodec;
import dev.portcullis.provider.ChunkDecoder;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.provider.Target;
import io.vertx.core.buffer.Buffer;
import java.net.URI;

/**
 * A publisher's codec that builds its URL from the target's base URL (Anthropic's on Vertex), given the host Vertex
 * really serves the region from: {@code aiplatform.googleapis.com} for {@code global}, not the templated
 * {@code global-aiplatform.googleapis.com}.
 */
final class VertexHostCodec implements ChatCodec {

  private final ChatCodec publisher;

  VertexHostCodec(ChatCodec publisher) {
    this.publisher = publisher;
  }

  @Override
  public WireRequest request(ChatRequest request, Target target, boolean strict) {
    return publisher.request(request, onVertexHost(target), strict);
  }

  @Override
  public ChatResponse response(Buffer body, ChatRequest request, Target target) {
    return publisher.response(body, request, target);
  }

  @Override
  public ChunkDecoder stream(ChatRequest request, Target target) {
    return publisher.stream(request, target);
  }

  private static Target onVertexHost(Target target) {
    return new Target(target.provider(), URI.create(VertexModelUrl.base(target)), target.credential(),
        target.fields(), target.model(), target.virtualKey(), target.pinnedAddress());
  }
}
