package dev.portcullis.provider.gemini;

import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.provider.ChatCodec;
import dev.portcullis.provider.ChunkDecoder;
import dev.portcullis.provider.UnsupportedParameters;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.provider.Target;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Chat as Gemini's {@code generateContent} (and {@code streamGenerateContent?alt=sse} when streaming). Where the
 * model's methods live is given by a {@link GeminiModelUrl}, so the same codec serves the Gemini API and Gemini on
 * Vertex AI.
 */
public final class GeminiChatCodec implements ChatCodec {

  /** OpenAI parameters Gemini has no counterpart for (log probabilities are not translated back). */
  static final Set<String> UNSUPPORTED =
      Set.of("logit_bias", "logprobs", "top_logprobs", "parallel_tool_calls", "user", "metadata");
  /** Fields outside OpenAI's chat request that are read: Gemini's {@code topK} and safety settings, Portkey's
   * {@code thinking}. */
  static final Set<String> READ_EXTRAS = Set.of("top_k", "safety_settings", "thinking");

  private static final String GENERATE = "generateContent";
  private static final String STREAM = "streamGenerateContent?alt=sse";

  private final GeminiModelUrl urls;
  private final Clock clock;

  /**
   * @param urls where the model's methods live
   * @param clock the {@code created} time of answers Gemini gives none for
   */
  public GeminiChatCodec(GeminiModelUrl urls, Clock clock) {
    this.urls = urls;
    this.clock = clock;
  }

  @Override
  public WireRequest request(ChatRequest request, Target target, boolean strict) {
    List<String> dropped =
        UnsupportedParameters.check(request, UNSUPPORTED, READ_EXTRAS, target.provider().id(), strict);
    String model = model(request, target);
    return WireRequest.postJson(urls.of(target, model, request.stream() ? STREAM : GENERATE),
        GeminiJson.bytes(GeminiRequestEncoder.encode(request, model)), dropped);
  }

  @Override
  public ChatResponse response(Buffer body, ChatRequest request, Target target) {
    return GeminiResponseDecoder.decode(body, model(request, target), target.provider().id(), clock);
  }

  @Override
  public ChunkDecoder stream(ChatRequest request, Target target) {
    return new GeminiStreamDecoder(model(request, target), target.provider().id(), clock, target.credential());
  }

  private static String model(ChatRequest request, Target target) {
    return target.model() != null ? target.model() : request.model();
  }
}
