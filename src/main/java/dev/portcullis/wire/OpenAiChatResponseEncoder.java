package dev.portcullis.wire;

import dev.portcullis.model.ChatResponse;
import dev.portcullis.model.Choice;
import java.io.IOException;

/**
 * Encodes a response as an OpenAI {@code chat.completion} body. Fields OpenAI always sends are always written
 * ({@code content}, {@code refusal}, {@code logprobs}, {@code finish_reason}, null when unknown), so strict clients
 * read it like OpenAI's own.
 */
public final class OpenAiChatResponseEncoder {

  private OpenAiChatResponseEncoder() {}

  public static byte[] encode(ChatResponse response) {
    return OpenAiJson.write(writer -> write(writer, response));
  }

  private static void write(FieldWriter writer, ChatResponse response) throws IOException {
    writer.startObject();
    writer.string("id", response.id());
    writer.string("object", "chat.completion");
    writer.number("created", response.created());
    writer.string("model", response.model());
    writer.startArray("choices");
    for (Choice choice : response.choices()) {
      writer.startObject();
      writer.number("index", choice.index());
      writer.fieldName("message");
      OpenAiMessageEncoder.writeResponseMessage(writer, choice.message());
      writer.nullableJson("logprobs", choice.logprobs());
      writer.nullable("finish_reason", choice.finishReason() == null ? null : choice.finishReason().value());
      writer.endObject();
    }
    writer.endArray();
    if (response.usage() != null) {
      OpenAiUsageWriter.write(writer, response.usage());
    }
    writer.string("service_tier", response.serviceTier());
    writer.string("system_fingerprint", response.systemFingerprint());
    writer.fields(response.extra());
    writer.endObject();
  }
}
