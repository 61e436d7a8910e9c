package dev.portcullis.provider.openai;

import dev.portcullis.wire.OpenAiChunkDecoder;
import dev.portcullis.model.ChatChunk;
import dev.portcullis.provider.ChunkDecoder;
import dev.portcullis.provider.SseEvent;
import dev.portcullis.provider.SseEventReader;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/** Reads an OpenAI chat stream: one chunk per {@code data:} event, until {@code [DONE]}. */
final class OpenAiStreamDecoder implements ChunkDecoder {

  private final SseEventReader reader = new SseEventReader();

  @Override
  public List<ChatChunk> feed(Buffer bytes) {
    return chunks(reader.feed(bytes));
  }

  @Override
  public List<ChatChunk> end() {
    SseEvent last = reader.finish();
    return last == null ? List.of() : chunks(List.of(last));
  }

  private static List<ChatChunk> chunks(List<SseEvent> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    List<ChatChunk> chunks = new ArrayList<>(events.size());
    for (SseEvent event : events) {
      String data = event.data();
      if (!data.isEmpty() && !data.equals(OpenAiChunkDecoder.DONE_PAYLOAD)) {
        chunks.add(OpenAiChunkDecoder.decode(data.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      }
    }
    return chunks;
  }
}
