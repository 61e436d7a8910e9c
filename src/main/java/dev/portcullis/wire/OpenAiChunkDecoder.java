package dev.portcullis.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChunkChoice;
import dev.portcullis.model.Delta;
import dev.portcullis.model.FinishReason;
import dev.portcullis.model.ToolCallDelta;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the JSON payload of one {@code data:} line of an OpenAI chat completion stream into a chunk. The stream's
 * last payload, {@link #DONE_PAYLOAD}, is not a chunk: whoever splits the stream checks for it first. An error event
 * ({@code {"error": ...}}) is raised as the provider's error; a payload that cannot be read is the provider's
 * fault. Both are a {@link GatewayException.UpstreamError} with status 502.
 */
public final class OpenAiChunkDecoder {

  /** The payload of the {@code data:} line that ends a stream. */
  public static final String DONE_PAYLOAD = "[DONE]";

  private OpenAiChunkDecoder() {}

  public static ChatChunk decode(byte[] payload) {
    return decode(OpenAiJson.readObject(payload, DecodeFailure.CHUNK));
  }

  public static ChatChunk decode(Buffer payload) {
    return decode(OpenAiJson.readObject(payload, DecodeFailure.CHUNK));
  }

  private static ChatChunk decode(ObjectNode payload) {
    OpenAiProviderError.raiseIfPresent(payload);
    FieldReader chunk = FieldReader.root(payload, DecodeFailure.CHUNK);
    List<FieldReader> choices = chunk.requiredObjects("choices");
    List<ChunkChoice> decoded = new ArrayList<>(choices.size());
    for (int i = 0; i < choices.size(); i++) {
      FieldReader choice = choices.get(i);
      FieldReader delta = choice.object("delta");
      String finishReason = choice.string("finish_reason");
      decoded.add(new ChunkChoice(
          choice.integerOr("index", i),
          delta == null ? new Delta(null, null, null, null, List.of()) : delta(delta),
          finishReason == null ? null : FinishReason.of(finishReason),
          choice.value("logprobs")));
    }
    OpenAiEnvelope envelope = OpenAiEnvelope.read(chunk);
    return new ChatChunk(
        envelope.id(),
        envelope.model(),
        envelope.created(),
        decoded,
        envelope.usage(),
        envelope.systemFingerprint(),
        envelope.serviceTier(),
        envelope.extra());
  }

  private static Delta delta(FieldReader delta) {
    List<FieldReader> calls = delta.objects("tool_calls");
    List<ToolCallDelta> toolCalls = new ArrayList<>(calls.size());
    for (int i = 0; i < calls.size(); i++) {
      FieldReader call = calls.get(i);
      FieldReader function = call.object("function");
      toolCalls.add(new ToolCallDelta(
          call.integerOr("index", i),
          call.string("id"),
          function == null ? null : function.string("name"),
          function == null ? null : function.string("arguments")));
    }
    return new Delta(
        OpenAiRoles.role(delta.oneOf("role", OpenAiRoles.NAMES)),
        delta.string("content"),
        delta.string("reasoning_content"),
        delta.string("refusal"),
        toolCalls);
  }
}
