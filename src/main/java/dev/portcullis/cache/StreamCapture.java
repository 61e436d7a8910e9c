package dev.portcullis.cache;

import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.model.Choice;
import dev.portcullis.model.ChunkChoice;
import dev.portcullis.model.ContentPart;
import dev.portcullis.model.FinishReason;
import dev.portcullis.model.Message;
import dev.portcullis.model.Role;
import dev.portcullis.model.ToolCall;
import dev.portcullis.model.ToolCallDelta;
import dev.portcullis.model.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Puts a streamed answer back together as it passes, so it can be stored as a whole answer once the stream
 * completed. Not thread-safe: one per stream, fed on its event loop.
 */
public final class StreamCapture {

  private ChatChunk first;
  private Usage usage;
  private final Map<Integer, ChoiceText> choices = new TreeMap<>();

  private static final class ChoiceText {
    Role role;
    StringBuilder content;
    StringBuilder reasoning;
    StringBuilder refusal;
    FinishReason finishReason;
    final Map<Integer, String[]> toolCalls = new TreeMap<>();
    final Map<Integer, StringBuilder> toolArguments = new TreeMap<>();
  }

  public void add(ChatChunk chunk) {
    if (first == null) {
      first = chunk;
    }
    if (chunk.usage() != null) {
      usage = chunk.usage();
    }
    for (ChunkChoice c : chunk.choices()) {
      ChoiceText text = choices.computeIfAbsent(c.index(), i -> new ChoiceText());
      if (c.delta().role() != null) {
        text.role = c.delta().role();
      }
      text.content = append(text.content, c.delta().content());
      text.reasoning = append(text.reasoning, c.delta().reasoningContent());
      text.refusal = append(text.refusal, c.delta().refusal());
      for (ToolCallDelta d : c.delta().toolCalls()) {
        String[] head = text.toolCalls.computeIfAbsent(d.index(), i -> new String[2]);
        if (d.id() != null) {
          head[0] = d.id();
        }
        if (d.name() != null) {
          head[1] = d.name();
        }
        text.toolArguments.computeIfAbsent(d.index(), i -> new StringBuilder())
            .append(d.argumentsFragment() == null ? "" : d.argumentsFragment());
      }
      if (c.finishReason() != null) {
        text.finishReason = c.finishReason();
      }
    }
  }

  /** The whole answer when the stream said how every choice finished; empty when it did not (it was cut short). */
  public Optional<ChatResponse> complete() {
    if (first == null || choices.isEmpty()) {
      return Optional.empty();
    }
    List<Choice> out = new ArrayList<>(choices.size());
    for (Map.Entry<Integer, ChoiceText> e : choices.entrySet()) {
      ChoiceText t = e.getValue();
      if (t.finishReason == null) {
        return Optional.empty();
      }
      List<ToolCall> calls = new ArrayList<>(t.toolCalls.size());
      for (Map.Entry<Integer, String[]> call : t.toolCalls.entrySet()) {
        String[] head = call.getValue();
        if (head[0] == null || head[1] == null) {
          return Optional.empty();
        }
        calls.add(new ToolCall(head[0], head[1], t.toolArguments.get(call.getKey()).toString()));
      }
      String content = t.content == null ? null : t.content.toString();
      Message message = new Message(t.role == null ? Role.ASSISTANT : t.role,
          content == null ? List.of() : List.of(new ContentPart.Text(content)),
          content == null ? Message.ContentForm.PARTS : Message.ContentForm.STRING, null, calls, null,
          t.reasoning == null ? null : t.reasoning.toString(), t.refusal == null ? null : t.refusal.toString(),
          Map.of());
      out.add(new Choice(e.getKey(), message, t.finishReason, null));
    }
    return Optional.of(new ChatResponse(first.id(), first.model(), first.created(), out, usage,
        first.systemFingerprint(), first.serviceTier(), first.extra()));
  }

  private static StringBuilder append(StringBuilder to, String more) {
    if (more == null) {
      return to;
    }
    return to == null ? new StringBuilder(more) : to.append(more);
  }
}
