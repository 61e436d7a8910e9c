package dev.portcullis.cache;

import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.model.Choice;
import dev.portcullis.model.ChunkChoice;
import dev.portcullis.model.Delta;
import dev.portcullis.model.Message;
import dev.portcullis.model.ToolCall;
import dev.portcullis.model.ToolCallDelta;
import dev.portcullis.model.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole answer as the chunks of a stream, for a cached answer replayed to a streaming request: per choice one chunk
 * with its role, text and tool calls, then one chunk with every finish reason, then the usage chunk (which the
 * client's stream encoder writes only when the request asked for it).
 */
public final class StreamReplay {

  private StreamReplay() {}

  public static List<ChatChunk> chunks(ChatResponse answer) {
    List<ChatChunk> out = new ArrayList<>(answer.choices().size() + 2);
    List<ChunkChoice> endings = new ArrayList<>(answer.choices().size());
    for (Choice choice : answer.choices()) {
      Message m = choice.message();
      List<ToolCallDelta> calls = new ArrayList<>(m.toolCalls().size());
      for (int i = 0; i < m.toolCalls().size(); i++) {
        ToolCall call = m.toolCalls().get(i);
        calls.add(new ToolCallDelta(i, call.id(), call.name(), call.arguments()));
      }
      Delta delta = new Delta(m.role(), m.text(), m.reasoningContent(), m.refusal(), calls);
      out.add(chunk(answer, List.of(new ChunkChoice(choice.index(), delta, null, choice.logprobs())), null));
      endings.add(new ChunkChoice(choice.index(), new Delta(null, null, null, null, List.of()),
          choice.finishReason(), null));
    }
    out.add(chunk(answer, endings, null));
    if (answer.usage() != null) {
      out.add(chunk(answer, List.of(), answer.usage()));
    }
    return out;
  }

  private static ChatChunk chunk(ChatResponse answer, List<ChunkChoice> choices, Usage usage) {
    return new ChatChunk(answer.id(), answer.model(), answer.created(), choices, usage, answer.systemFingerprint(),
        answer.serviceTier(), answer.extra());
  }
}
