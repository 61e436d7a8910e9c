package dev.portcullis.api.anthropic;

import dev.portcullis.api.StreamEncoder;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChunkChoice;
import dev.portcullis.model.Delta;
import dev.portcullis.model.ToolCallDelta;
import dev.portcullis.model.Usage;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes canonical chunks as an Anthropic message stream. The first chunk opens the message
 * ({@code message_start}); text, thinking and each tool call become content blocks, opened when their first delta
 * comes and closed when a delta of another kind (or another tool call) does, with increasing indexes. The finish
 * reason closes the open block, but {@code message_delta} waits for the usage chunk that follows it (or for
 * {@link #end()}), so it carries the real token counts. Only the first choice is written.
 */
final class AnthropicStreamEncoder implements StreamEncoder {

  private static final int EVENT_SIZE_HINT = 256;
  private static final String TOOL_ID_PREFIX = "toolu_";
  private static final String EMPTY_INPUT = "{}";

  /** The kind of the content block open now. */
  private enum Block { NONE, TEXT, THINKING, TOOL_USE }

  private final String requestModel;
  private boolean started;
  private boolean ended;
  private Block open = Block.NONE;
  private int openToolCall = -1;
  private boolean openToolHasInput;
  private int blocks;
  private String stopReason;
  private Usage usage;
  private boolean messageDeltaWritten;

  /** @param requestModel the model the client asked for, named when the stream ends before any chunk came */
  AnthropicStreamEncoder(String requestModel) {
    this.requestModel = requestModel;
  }

  @Override
  public Buffer encode(ChatChunk chunk) {
    return AnthropicJson.write(EVENT_SIZE_HINT, generator -> {
      AnthropicEventWriter events = new AnthropicEventWriter(generator);
      if (!started) {
        start(events, AnthropicMessageEncoder.messageId(chunk.id()), chunk.model(), chunk.usage());
      }
      for (ChunkChoice choice : chunk.choices()) {
        if (choice.index() == 0) {
          advance(events, choice);
        }
      }
      if (chunk.usage() != null) {
        usage = chunk.usage();
      }
      if (stopReason != null && usage != null && !messageDeltaWritten) {
        writeMessageDelta(events);
      }
    });
  }

  @Override
  public Buffer end() {
    return AnthropicJson.write(EVENT_SIZE_HINT, generator -> {
      if (ended) {
        return;
      }
      AnthropicEventWriter events = new AnthropicEventWriter(generator);
      if (!started) {
        start(events, AnthropicMessageEncoder.messageId(randomId()), requestModel, null);
      }
      close(events);
      if (!messageDeltaWritten) {
        if (stopReason == null) {
          stopReason = AnthropicStopReasons.END_TURN;
        }
        writeMessageDelta(events);
      }
      events.messageStop();
      ended = true;
    });
  }

  @Override
  public Buffer error(GatewayException error) {
    ended = true;
    return AnthropicJson.write(EVENT_SIZE_HINT, generator -> new AnthropicEventWriter(generator).error(error));
  }

  private void start(AnthropicEventWriter events, String id, String model, Usage known) throws IOException {
    events.messageStart(id, model, known);
    started = true;
  }

  private void advance(AnthropicEventWriter events, ChunkChoice choice) throws IOException {
    Delta delta = choice.delta();
    if (hasText(delta.reasoningContent())) {
      open(events, Block.THINKING);
      events.thinkingDelta(blocks - 1, delta.reasoningContent());
    }
    if (hasText(delta.content())) {
      open(events, Block.TEXT);
      events.textDelta(blocks - 1, delta.content());
    }
    if (hasText(delta.refusal())) {
      open(events, Block.TEXT);
      events.textDelta(blocks - 1, delta.refusal());
    }
    for (ToolCallDelta call : delta.toolCalls()) {
      if (open != Block.TOOL_USE || openToolCall != call.index()) {
        openToolUse(events, call);
      }
      if (hasText(call.argumentsFragment())) {
        events.inputJsonDelta(blocks - 1, call.argumentsFragment());
        openToolHasInput = true;
      }
    }
    if (choice.finishReason() != null) {
      close(events);
      stopReason = AnthropicStopReasons.of(choice.finishReason());
    }
  }

  /** Makes a text or thinking block the open one, closing another kind first. */
  private void open(AnthropicEventWriter events, Block kind) throws IOException {
    if (open == kind) {
      return;
    }
    close(events);
    open = kind;
    if (kind == Block.TEXT) {
      events.textBlockStart(blocks++);
    } else {
      events.thinkingBlockStart(blocks++);
    }
  }

  private void openToolUse(AnthropicEventWriter events, ToolCallDelta call) throws IOException {
    close(events);
    open = Block.TOOL_USE;
    openToolCall = call.index();
    openToolHasInput = false;
    events.toolUseBlockStart(blocks++, call.id() != null ? call.id() : TOOL_ID_PREFIX + randomId(),
        call.name() != null ? call.name() : "");
  }

  /**
   * Closes the open block. A tool call that streamed no arguments gets {@code {}} first, so clients that parse the
   * accumulated input find an object.
   */
  private void close(AnthropicEventWriter events) throws IOException {
    if (open == Block.NONE) {
      return;
    }
    if (open == Block.TOOL_USE && !openToolHasInput) {
      events.inputJsonDelta(blocks - 1, EMPTY_INPUT);
    }
    events.blockStop(blocks - 1);
    open = Block.NONE;
  }

  private void writeMessageDelta(AnthropicEventWriter events) throws IOException {
    events.messageDelta(stopReason, usage);
    messageDeltaWritten = true;
  }

  private static boolean hasText(String text) {
    return text != null && !text.isEmpty();
  }

  private static String randomId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
  }
}
