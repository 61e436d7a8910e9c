package dev.portcullis.model;

import java.util.List;

/**
 * What one streamed chunk adds to a choice's message. Every field is null (the list empty) when the chunk adds
 * nothing to it.
 *
 * @param role the author, on the first chunk only
 * @param content more answer text
 * @param reasoningContent more visible thinking
 * @param refusal more refusal text
 * @param toolCalls pieces of tool calls
 */
public record Delta(Role role, String content, String reasoningContent, String refusal, List<ToolCallDelta> toolCalls) {

  public Delta {
    toolCalls = List.copyOf(toolCalls);
  }
}
