package dev.portcullis.wire;

/** The wire format a client speaks to the gateway: chosen by the path it calls. */
public enum Dialect {
  /** OpenAI's: {@code /v1/chat/completions} and every other OpenAI-shaped endpoint. */
  OPENAI,
  /** Anthropic's Messages API: {@code /v1/messages}. */
  ANTHROPIC
}
