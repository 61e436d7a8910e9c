package dev.portcullis.api.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.model.Choice;
import dev.portcullis.model.FinishReason;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes an OpenAI {@code chat.completion} body, as OpenAI and compatible providers answer. An error body is raised
 * as the provider's error; a body that cannot be read is the provider's fault, reported naming the JSON path. Both
 * are a {@link GatewayException.UpstreamError} with status 502.
 */
public final class OpenAiChatResponseDecoder {

  private static final Set<String> KNOWN_FIELDS =
      Set.of("id", "object", "created", "model", "choices", "usage", "system_fingerprint", "service_tier");

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
      Integer index = choice.integer("index");
      String finishReason = choice.string("finish_reason");
      decoded.add(new Choice(
          index == null ? i : index,
          OpenAiMessageDecoder.decode(choice.requiredObject("message")),
          finishReason == null ? null : FinishReason.of(finishReason),
          choice.value("logprobs")));
    }
    return new ChatResponse(
        response.requiredString("id"),
        response.requiredString("model"),
        response.requiredLongInteger("created"),
        decoded,
        OpenAiUsageReader.read(response.objectNode("usage")),
        response.string("system_fingerprint"),
        response.string("service_tier"),
        response.unknownFields(KNOWN_FIELDS));
  }
}
