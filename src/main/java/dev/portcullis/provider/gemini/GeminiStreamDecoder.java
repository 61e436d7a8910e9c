package dev.portcullis.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChunkChoice;
import dev.portcullis.model.Delta;
import dev.portcullis.model.FinishReason;
import dev.portcullis.model.Role;
import dev.portcullis.model.ToolCall;
import dev.portcullis.model.ToolCallDelta;
import dev.portcullis.model.Usage;
import dev.portcullis.provider.ChunkDecoder;
import dev.portcullis.provider.SseEvent;
import dev.portcullis.provider.SseEventReader;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code streamGenerateContent?alt=sse}: every {@code data:} event is a whole {@code GenerateContentResponse}
 * holding the next parts. Each event's text and thoughts become one content chunk per candidate (the first of each
 * choice carrying the role), a function call (Gemini sends each whole, in one event) becomes one tool-call delta with
 * its full arguments, and a finish reason its own chunk. Gemini repeats {@code usageMetadata} on many events; the
 * last one is sent as the usage chunk when the stream ends. An {@code error} event fails the stream with Google's
 * error.
 */
final class GeminiStreamDecoder implements ChunkDecoder {

  private final SseEventReader reader = new SseEventReader();
  private final String requestedModel;
  private final String providerId;
  private final Clock clock;
  private final String credential;
  private GeminiAnswerIdentity identity;
  /** Per choice index: how many tool calls it has made so far (present once its role went out). */
  private final Map<Integer, Integer> choiceCalls = new HashMap<>();
  private int calls;
  private Usage usage;

  /**
   * @param requestedModel the model named when Gemini names none
   * @param credential the call's credential, removed from error messages (null for none)
   */
  GeminiStreamDecoder(String requestedModel, String providerId, Clock clock, String credential) {
    this.requestedModel = requestedModel;
    this.providerId = providerId;
    this.clock = clock;
    this.credential = credential;
  }

  @Override
  public List<ChatChunk> feed(Buffer bytes) {
    List<SseEvent> events = reader.feed(bytes);
    if (events.isEmpty()) {
      return List.of();
    }
    List<ChatChunk> chunks = new ArrayList<>();
    events.forEach(event -> read(event, chunks));
    return chunks;
  }

  @Override
  public List<ChatChunk> end() {
    List<ChatChunk> chunks = new ArrayList<>(2);
    SseEvent last = reader.finish();
    if (last != null) {
      read(last, chunks);
    }
    if (usage != null && identity != null) {
      chunks.add(new ChatChunk(identity.id(), identity.model(), identity.created(), List.of(), usage, null, null,
          Map.of()));
    }
    return chunks;
  }

  private void read(SseEvent event, List<ChatChunk> out) {
    if (event.data().isBlank()) {
      return;
    }
    JsonNode answer = GeminiJson.readOrNull(event.data().getBytes(StandardCharsets.UTF_8));
    if (answer == null || !answer.isObject()) {
      throw GeminiJson.invalid(providerId, "stream event is not a JSON object: " + abbreviated(event.data()));
    }
    if (answer.has("error")) {
      throw GeminiErrorReader.read(providerId, answer.path("error").path("code").asInt(500),
          Buffer.buffer(event.data()), credential);
    }
    if (identity == null) {
      identity = GeminiAnswerIdentity.read(answer, requestedModel, clock);
    }
    Usage eventUsage = GeminiUsageReader.read(answer.get("usageMetadata"));
    if (eventUsage != null) {
      usage = eventUsage;
    }
    JsonNode candidates = answer.path("candidates");
    String blocked = GeminiResponseDecoder.blockedPrompt(answer);
    if (blocked != null && candidates.isEmpty()) {
      out.add(chunk(0, new Delta(Role.ASSISTANT, null, null, blocked, List.of()), FinishReason.CONTENT_FILTER));
      return;
    }
    for (int i = 0; i < candidates.size(); i++) {
      candidate(candidates.get(i), i, out);
    }
  }

  private void candidate(JsonNode candidate, int position, List<ChatChunk> out) {
    int index = candidate.path("index").asInt(position);
    GeminiParts parts = GeminiParts.read(candidate, () -> calls++, providerId);
    boolean first = !choiceCalls.containsKey(index);
    int earlierCalls = choiceCalls.getOrDefault(index, 0);
    choiceCalls.put(index, earlierCalls + parts.calls().size());
    if (first || parts.text() != null || parts.thoughts() != null || !parts.calls().isEmpty()) {
      List<ToolCallDelta> deltas = new ArrayList<>(parts.calls().size());
      for (int k = 0; k < parts.calls().size(); k++) {
        ToolCall call = parts.calls().get(k);
        deltas.add(new ToolCallDelta(earlierCalls + k, call.id(), call.name(), call.arguments()));
      }
      String content = parts.text();
      if (first && content == null && deltas.isEmpty()) {
        content = "";
      }
      out.add(chunk(index, new Delta(first ? Role.ASSISTANT : null, content, parts.thoughts(), null, deltas), null));
    }
    FinishReason reason =
        GeminiFinishReasons.of(candidate.path("finishReason").textValue(), choiceCalls.get(index) > 0);
    if (reason != null) {
      out.add(chunk(index, new Delta(null, null, null, null, List.of()), reason));
    }
  }

  private ChatChunk chunk(int index, Delta delta, FinishReason reason) {
    return new ChatChunk(identity.id(), identity.model(), identity.created(),
        List.of(new ChunkChoice(index, delta, reason, null)), null, null, null, Map.of());
  }

  private static String abbreviated(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
