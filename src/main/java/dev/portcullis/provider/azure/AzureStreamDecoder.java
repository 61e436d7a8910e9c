package dev.portcullis.provider.azure;

import dev.portcullis.model.ChatChunk;
import dev.portcullis.provider.ChunkDecoder;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Azure's OpenAI stream, made to follow the rule that every chunk of a stream shares one id, model and creation
 * time. Azure sends content-filter chunks with an empty id and model and {@code created} 0: the prompt's
 * {@code prompt_filter_results} first, with no choices, and, under an asynchronous filter, annotation chunks
 * later. They keep their content and take the stream's identity; the ones that come before any chunk names it are
 * held until one does.
 */
final class AzureStreamDecoder implements ChunkDecoder {

  private final ChunkDecoder openAi;
  private final List<ChatChunk> held = new ArrayList<>(1);
  private ChatChunk identity;

  AzureStreamDecoder(ChunkDecoder openAi) {
    this.openAi = openAi;
  }

  @Override
  public List<ChatChunk> feed(Buffer bytes) {
    return restamp(openAi.feed(bytes));
  }

  @Override
  public List<ChatChunk> end() {
    List<ChatChunk> out = restamp(openAi.end());
    if (!held.isEmpty()) {
      identity = new ChatChunk("chatcmpl-" + UUID.randomUUID().toString().replace("-", ""), held.getFirst().model(),
          held.getFirst().created(), List.of(), null, null, null, Map.of());
      out = new ArrayList<>(out);
      out.addAll(held.stream().map(this::stamped).toList());
      held.clear();
    }
    return out;
  }

  private List<ChatChunk> restamp(List<ChatChunk> chunks) {
    if (chunks.isEmpty()) {
      return chunks;
    }
    List<ChatChunk> out = new ArrayList<>(chunks.size() + held.size());
    for (ChatChunk chunk : chunks) {
      if (!chunk.id().isEmpty()) {
        if (identity == null) {
          identity = chunk;
          held.forEach(h -> out.add(stamped(h)));
          held.clear();
        }
        out.add(chunk);
      } else if (identity != null) {
        out.add(stamped(chunk));
      } else {
        held.add(chunk);
      }
    }
    return out;
  }

  private ChatChunk stamped(ChatChunk chunk) {
    return new ChatChunk(identity.id(), identity.model(), identity.created(), chunk.choices(), chunk.usage(),
        chunk.systemFingerprint(), chunk.serviceTier(), chunk.extra());
  }
}
