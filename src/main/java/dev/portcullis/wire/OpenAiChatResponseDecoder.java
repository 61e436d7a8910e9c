package dev.portcullis.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.model.Choice;
import dev.portcullis.model.FinishReason;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes an OpenAI {@code chat.completion} body, as OpenAI and compatible providers answer. An error body is raised
 * as the provider's error; a body that cannot be read is the provider's fault, reported naming the JSON path. Both
 * are a {@link GatewayException.UpstreamError} with status 502.
 */
public final class OpenAiChatResponseDecoder {

  private OpenAiChatResponseDecoder() {}

  public static ChatResponse decode(byte[] body) {
    return decode(OpenAiJson.readObject(body, DecodeFailure.RESPONSE));
  }

  public static ChatResponse decode(Buffer body) {
    return decode(OpenAiJson.readObject(body, DecodeFailure.RESPONSE));
  }

  private static ChatResponse decode(ObjectNode body) {
    OpenAiProviderError.raiseIfPresent(body);
    FieldReader response = FieldReader.root(body, DecodeFailure.RESPONSE);
    List<FieldReader> choices = response.requiredObjects("choices");
    List<Choice> decoded = new ArrayList<>(choices.size());
    for (int i = 0; i < choices.size(); i++) {
      FieldReader choice = choices.get(i);
      String finishReason = choice.string("finish_reason");
      decoded.add(new Choice(
          choice.integerOr("index", i),
          OpenAiMessageDecoder.decode(choice.requiredObject("message")),
          finishReason == null ? null : FinishReason.of(finishReason),
          choice.value("logprobs")));
    }
    OpenAiEnvelope envelope = OpenAiEnvelope.read(response);
    return new ChatResponse(
        envelope.id(),
        envelope.model(),
        envelope.created(),
        decoded,
        envelope.usage(),
        envelope.systemFingerprint(),
        envelope.serviceTier(),
        envelope.extra());
  }
}
