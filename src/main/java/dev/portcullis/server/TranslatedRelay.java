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
        ChatResponse response = call.codec().response(ar.result(), call.chat(), ex.target);
        ex.usage(response.usage());
        answer = call.dialect().encode(response, call.chat());
      } catch (RuntimeException e) {
        forwarder.fail(ex, out, e);
        return;
      }
      ex.markFirstByte();
      out.setStatusCode(200).putHeader("content-type", "application/json").end(answer);
      forwarder.succeed(ex, 200);
    });
  }

  void relay(Exchange ex, UpstreamCall.TranslatedEndpoint call, HttpClientResponse resp, HttpServerResponse out) {
    resp.body().onComplete(ar -> {
      if (ex.finished()) {
        return;
      }
      if (ar.failed()) {
        forwarder.fail(ex, out, UpstreamForwarder.unreachable(ex.target, ar.cause()));
        return;
      }
      byte[] answer;
      try {
        answer = call.codec().response(ar.result(), call.body(), ex.target);
      } catch (RuntimeException e) {
        forwarder.fail(ex, out, e);
        return;
      }
      Buffer body = Buffer.buffer(answer);
      UsageCapture.fromJson(body, ex, OpenAiUsageReader::read);
      ex.markFirstByte();
      out.setStatusCode(200).putHeader("content-type", "application/json").end(body);
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
