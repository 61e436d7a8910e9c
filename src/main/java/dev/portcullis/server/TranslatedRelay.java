package dev.portcullis.server;

import dev.portcullis.api.StreamEncoder;
import dev.portcullis.api.openai.OpenAiUsageReader;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.provider.ChunkDecoder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.function.Function;

/**
 * Answers the client from a translated call: a whole answer decoded by the provider's codec and written in the
 * client's dialect, or a stream decoded event by event and re-encoded as it arrives, with backpressure. A provider
 * error inside a stream ends the client's stream with an error event in its dialect.
 */
final class TranslatedRelay {

  private final UpstreamForwarder forwarder;

  TranslatedRelay(UpstreamForwarder forwarder) {
    this.forwarder = forwarder;
  }

  void relay(Exchange ex, UpstreamCall.TranslatedChat call, HttpClientResponse resp, HttpServerResponse out) {
    if (call.chat().stream()) {
      relayStream(ex, call, resp, out);
      return;
    }
    answerWhole(ex, resp, out, body -> {
      ChatResponse response = call.codec().response(body, call.chat(), ex.target);
      ex.usage(response.usage());
      return call.dialect().encode(response, call.chat());
    });
  }

  void relay(Exchange ex, UpstreamCall.TranslatedEndpoint call, HttpClientResponse resp, HttpServerResponse out) {
    answerWhole(ex, resp, out, body -> {
      Buffer answer = Buffer.buffer(call.codec().response(body, call.body(), ex.target));
      UsageCapture.fromJson(answer, ex, OpenAiUsageReader::read);
      return answer;
    });
  }

  /**
   * Reads the provider's whole answer, translates it and sends it as JSON; a translation that fails (a provider
   * body that is not its documented format) is the exchange's error instead.
   */
  private void answerWhole(Exchange ex, HttpClientResponse resp, HttpServerResponse out,
      Function<Buffer, Buffer> translate) {
    resp.body().onComplete(ar -> {
      if (ex.finished()) {
        return;
      }
      if (ar.failed()) {
        forwarder.fail(ex, out, UpstreamForwarder.unreachable(ex.target, ar.cause()));
        return;
      }
      Buffer answer;
      try {
        answer = translate.apply(ar.result());
      } catch (RuntimeException e) {
        forwarder.fail(ex, out, e);
        return;
      }
      ex.markFirstByte();
      out.setStatusCode(200).putHeader("content-type", "application/json").end(answer);
      forwarder.succeed(ex, 200);
    });
  }

  private void relayStream(Exchange ex, UpstreamCall.TranslatedChat call, HttpClientResponse resp,
      HttpServerResponse out) {
    ex.stream = true;
    ChunkDecoder decoder = call.codec().stream(call.chat(), ex.target);
    StreamEncoder encoder = call.dialect().stream(call.chat());
    out.setStatusCode(200).setChunked(true)
        .putHeader("content-type", "text/event-stream")
        .putHeader("cache-control", "no-cache");
    out.writeHead();
    resp.handler(bytes -> {
      if (ex.finished()) {
        return;
      }
      List<ChatChunk> chunks;
      try {
        chunks = decoder.feed(bytes);
      } catch (RuntimeException e) {
        broken(ex, resp, out, encoder, e);
        return;
      }
      write(ex, out, encoder, chunks);
      if (out.writeQueueFull()) {
        resp.pause();
        out.drainHandler(v -> resp.resume());
      }
    });
    resp.exceptionHandler(err -> {
      if (!ex.finished()) {
        out.reset();
        forwarder.complete(ex, 502, "upstream_error", "provider stream broke: " + err.getMessage());
      }
    });
    resp.endHandler(v -> {
      if (ex.finished()) {
        return;
      }
      try {
        write(ex, out, encoder, decoder.end());
      } catch (RuntimeException e) {
        broken(ex, resp, out, encoder, e);
        return;
      }
      out.end(encoder.end());
      forwarder.succeed(ex, 200);
    });
  }

  private static void write(Exchange ex, HttpServerResponse out, StreamEncoder encoder, List<ChatChunk> chunks) {
    for (ChatChunk chunk : chunks) {
      if (chunk.usage() != null) {
        ex.usage(chunk.usage());
      }
      Buffer bytes = encoder.encode(chunk);
      if (bytes.length() > 0) {
        ex.markFirstByte();
        out.write(bytes);
      }
    }
  }

  /** The provider reported an error mid-stream, or broke its format: tell the client in its format and stop. */
  private void broken(Exchange ex, HttpClientResponse resp, HttpServerResponse out, StreamEncoder encoder,
      RuntimeException failure) {
    GatewayException e = ErrorRenderer.toGatewayException(failure);
    resp.handler(null);
    out.end(encoder.error(e));
    forwarder.complete(ex, e.status(), e.type(), e.getMessage());
    if (ex.upstream != null) {
      ex.upstream.reset();
    }
  }
}
