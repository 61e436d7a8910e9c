package dev.portcullis.api.anthropic;

import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ContentPart;
import dev.portcullis.model.Message;
import dev.portcullis.model.Tool;
import dev.portcullis.model.ToolCall;
import dev.portcullis.model.ToolChoice;
import io.vertx.core.buffer.Buffer;

/**
 * Answers Anthropic's {@code POST /v1/messages/count_tokens} for targets that have no such endpoint, with an
 * <em>estimate</em>: no tokenizer of the target model is consulted. The heuristic, over the decoded request:
 * <ul>
 *   <li>every character of text (system, messages, tool calls' names and arguments, tool results, reasoning, and
 *       each tool's name, description and schema JSON) counts a quarter token, rounded up over the whole request;</li>
 *   <li>each message adds {@value #MESSAGE_OVERHEAD} tokens, each tool {@value #TOOL_OVERHEAD};</li>
 *   <li>a request with tools adds the tool-use system prompt Anthropic documents for current models:
 *       {@value #TOOL_PROMPT_AUTO} tokens for {@code auto}/{@code none}, {@value #TOOL_PROMPT_FORCED} for
 *       {@code any}/{@code tool};</li>
 *   <li>each image counts {@value #IMAGE_TOKENS} tokens (Anthropic's cost of an image at the largest size it keeps);
 *       each PDF {@value #DOCUMENT_TOKENS} (about one page: long PDFs are underestimated).</li>
 * </ul>
 * Audio never occurs: Anthropic requests carry none. When the target is Anthropic, the gateway passes the call
 * through instead and the count is exact.
 */
public final class MessageTokenEstimator {

  static final int CHARACTERS_PER_TOKEN = 4;
  static final int MESSAGE_OVERHEAD = 4;
  static final int TOOL_OVERHEAD = 10;
  static final int TOOL_PROMPT_AUTO = 346;
  static final int TOOL_PROMPT_FORCED = 313;
  static final int IMAGE_TOKENS = 1600;
  static final int DOCUMENT_TOKENS = 1500;

  private MessageTokenEstimator() {}

  /**
   * The answer body for a {@code count_tokens} request: {@code {"input_tokens": N}}.
   *
   * @throws dev.portcullis.error.GatewayException.BadRequest when the body is not a valid count_tokens request
   */
  public static Buffer countTokens(Buffer body) {
    int tokens = estimate(body);
    return AnthropicJson.write(32, generator -> {
      generator.writeStartObject();
      generator.writeNumberField("input_tokens", tokens);
      generator.writeEndObject();
    });
  }

  /**
   * The estimated input tokens of a {@code count_tokens} (or Messages) request body; {@code max_tokens} is not
   * needed.
   *
   * @throws dev.portcullis.error.GatewayException.BadRequest when the body is not a valid request
   */
  public static int estimate(Buffer body) {
    return estimate(AnthropicChatRequestDecoder.decodeForCounting(body));
  }

  static int estimate(ChatRequest request) {
    long characters = 0;
    long fixed = 0;
    for (Message message : request.messages()) {
      fixed += MESSAGE_OVERHEAD;
      for (ContentPart part : message.content()) {
        switch (part) {
          case ContentPart.Text text -> characters += text.text().length();
          case ContentPart.Image image -> fixed += IMAGE_TOKENS;
          case ContentPart.File file -> fixed += DOCUMENT_TOKENS;
          case ContentPart.Audio audio -> { }
        }
      }
      for (ToolCall call : message.toolCalls()) {
        characters += call.name().length() + call.arguments().length();
      }
      characters += length(message.reasoningContent());
    }
    for (Tool tool : request.tools()) {
      fixed += TOOL_OVERHEAD;
      characters += tool.name().length() + length(tool.description())
          + (tool.parameters() == null ? 0 : tool.parameters().toString().length());
    }
    if (!request.tools().isEmpty()) {
      boolean forced = request.toolChoice() == ToolChoice.Mode.REQUIRED
          || request.toolChoice() instanceof ToolChoice.Function;
      fixed += forced ? TOOL_PROMPT_FORCED : TOOL_PROMPT_AUTO;
    }
    long tokens = fixed + (characters + CHARACTERS_PER_TOKEN - 1) / CHARACTERS_PER_TOKEN;
    return (int) Math.min(Integer.MAX_VALUE, tokens);
  }

  private static int length(String text) {
    return text == null ? 0 : text.length();
  }
}
