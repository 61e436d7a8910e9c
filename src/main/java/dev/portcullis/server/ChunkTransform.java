package dev.portcullis.server;

import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChatResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The relay's one slot for changing a chat answer on its way to the client: output guards and the cache's store sit
 * here. It sees every chunk of a stream in order (or the whole answer) in the canonical model, and may hold chunks
 * back, change them, add some, or fail with a {@link dev.portcullis.error.GatewayException} to end the answer. A
 * call whose slot is empty and whose provider speaks the client's format is relayed as a byte copy.
 */
interface ChunkTransform {

  /** The chunks to send for {@code chunk}: itself, changed, none (held back), or more. */
  List<ChatChunk> chunk(ChatChunk chunk);

  /** What is still held back when the stream ends. */
  List<ChatChunk> end();

  /** A whole (not streamed) answer, changed or not. */
  ChatResponse whole(ChatResponse response);

  /** This transform, then {@code next} on what it passes on. */
  default ChunkTransform then(ChunkTransform next) {
    ChunkTransform first = this;
    return new ChunkTransform() {
      @Override
      public List<ChatChunk> chunk(ChatChunk chunk) {
        List<ChatChunk> out = new ArrayList<>();
        for (ChatChunk c : first.chunk(chunk)) {
          out.addAll(next.chunk(c));
        }
        return out;
      }

      @Override
      public List<ChatChunk> end() {
        List<ChatChunk> out = new ArrayList<>();
        for (ChatChunk c : first.end()) {
          out.addAll(next.chunk(c));
        }
        out.addAll(next.end());
        return out;
      }

      @Override
      public ChatResponse whole(ChatResponse response) {
        return next.whole(first.whole(response));
      }
    };
  }
}
