package dev.portcullis.provider.bedrock;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One message of an AWS event stream.
 *
 * @param headers the string-valued headers by name ({@code :message-type}, {@code :event-type}...); headers of other
 *     types are skipped
 * @param payload the payload bytes, for Bedrock a JSON object
 */
record EventStreamMessage(Map<String, String> headers, byte[] payload) {

  EventStreamMessage {
    headers = Map.copyOf(headers);
  }

  String header(String name) {
    return headers.get(name);
  }

  String payloadText() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "EventStreamMessage[" + headers + ", " + payload.length + " bytes]";
  }
}
