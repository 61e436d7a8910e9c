package dev.portcullis.wire;

import dev.portcullis.error.GatewayException;

/** Writes the OpenAI error object: {@code {"error":{"message","type","param","code"}}}. */
public final class OpenAiErrorEncoder {

  private OpenAiErrorEncoder() {}

  public static byte[] encode(GatewayException e) {
    return OpenAiJson.write(writer -> {
      writer.startObject();
      writer.startObject("error");
      writer.nullable("message", e.getMessage());
      writer.nullable("type", e.type());
      writer.nullable("param", e.param());
      writer.nullable("code", e.code());
      writer.endObject();
      writer.endObject();
    });
  }
}
