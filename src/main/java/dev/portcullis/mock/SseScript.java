package dev.portcullis.mock;

import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * A whole server-sent event stream, rendered before the first byte goes out.
 *
 * @param opening events sent with the headers (the role chunk)
 * @param paced events sent one write each, a chunk interval apart (content or tool-call argument chunks)
 * @param closing events sent right after the last paced one (finish reason, usage, {@code [DONE]})
 */
record SseScript(Buffer opening, List<Buffer> paced, Buffer closing) {

  static final String DONE = "data: [DONE]\n\n";
}
