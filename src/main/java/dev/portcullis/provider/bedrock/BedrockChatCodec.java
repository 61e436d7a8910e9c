package dev.portcullis.provider.bedrock;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.provider.ChatCodec;
import dev.portcullis.provider.ChunkDecoder;
import dev.portcullis.provider.UnsupportedParameters;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.provider.Target;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chat through Bedrock's Converse API: {@code POST {base}/model/{modelId}/converse}, or
 * {@code /converse-stream} for a stream of AWS event-stream messages. Converse answers carry no id, so each answer
 * gets a {@code chatcmpl-} id here, with the target's model and the clock's time.
 */
final class BedrockChatCodec implements ChatCodec {

  static final String EVENT_STREAM = "application/vnd.amazon.eventstream";
  private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final Clock clock;

  BedrockChatCodec(Clock clock) {
    this.clock = clock;
  }

  @Override
  public WireRequest request(ChatRequest request, Target target, boolean strict) {
    List<String> dropped = new ArrayList<>(UnsupportedParameters.check(request, ConverseRequestWriter.UNSUPPORTED,
        ConverseRequestWriter.READ_EXTRAS, "bedrock", strict));
    byte[] body;
    try {
      body = ConverseResponseReader.JSON.writeValueAsBytes(ConverseRequestWriter.write(request, dropped, strict));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("content-type", "application/json")
        .add("accept", request.stream() ? EVENT_STREAM : "application/json");
    return new WireRequest(HttpMethod.POST,
        BedrockModelPath.url(target.baseUrl(), model(request, target), request.stream() ? "converse-stream" : "converse"),
        headers, Buffer.buffer(body), dropped);
  }

  @Override
  public ChatResponse response(Buffer body, ChatRequest request, Target target) {
    return ConverseResponseReader.read(body.getBytes(), newId(), model(request, target), now());
  }

  @Override
  public ChunkDecoder stream(ChatRequest request, Target target) {
    return new ConverseStreamDecoder(newId(), model(request, target), now(), BedrockCredentials.secrets(target));
  }

  private long now() {
    return clock.millis() / 1000;
  }

  private static String model(ChatRequest request, Target target) {
    return target.model() != null ? target.model() : request.model();
  }

  /** A completion id in OpenAI's shape, {@code chatcmpl-} and 24 random letters and digits. */
  static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder id = new StringBuilder("chatcmpl-");
    for (int i = 0; i < 24; i++) {
      id.append(ID_CHARS[random.nextInt(ID_CHARS.length)]);
    }
    return id.toString();
  }
}
