package dev.portcullis.provider.cohere;

import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.provider.ChatCodec;
import dev.portcullis.provider.ChunkDecoder;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.provider.Target;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;

/** Chat through Cohere's {@code POST /v2/chat}, whole or streamed. */
final class CohereChatCodec implements ChatCodec {

  private final Clock clock;

  CohereChatCodec(Clock clock) {
    this.clock = clock;
  }

  @Override
  public WireRequest request(ChatRequest request, Target target, boolean strict) {
    return CohereChatRequestEncoder.encode(request, target, strict);
  }

  @Override
  public ChatResponse response(Buffer body, ChatRequest request, Target target) {
    return CohereChatResponseDecoder.decode(body, model(request, target), now());
  }

  @Override
  public ChunkDecoder stream(ChatRequest request, Target target) {
    return new CohereStreamDecoder(model(request, target), now(), target.credential());
  }

  private static String model(ChatRequest request, Target target) {
    return target.model() != null ? target.model() : request.model();
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }
}
