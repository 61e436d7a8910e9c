package dev.portcullis.server;

import dev.portcullis.api.StreamEncoder;
import dev.portcullis.api.anthropic.AnthropicUsageReader;
import dev.portcullis.cache.StreamReplay;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.ChatResponse;
import dev.portcullis.policy.Cost;
import dev.portcullis.provider.ChatCodec;
import dev.portcullis.provider.ChunkDecoder;
import dev.portcullis.provider.ProviderAdapters;
import dev.portcullis.wire.Dialect;
import dev.portcullis.wire.OpenAiUsageReader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.function.Function;

/**
 * The only code that writes an answer to the client, and the last stage: whole JSON answers and streams,
 * passthrough and translated, and every error. It owns the status and headers, the first-byte time, the client
 * leaving (which cancels the provider call), usage capture, and the chunk-transform slot: a chat answer whose slot
 * is filled is decoded to the canonical model, transformed and written in the client's dialect; a passthrough answer
 * with an empty slot is copied byte for byte as it arrives, with backpressure both ways.
 */
final class ResponseRelay implements Stage {

  private final Vertx vertx;
  private final ProviderAdapters adapters;

  ResponseRelay(Vertx vertx, ProviderAdapters adapters) {
    this.vertx = vertx;
    this.adapters = adapters;
  }

  @Override
  public Future<Void> serve(Exchange call, Chain next) {
    relay(call, call.answer);
    return Future.succeededFuture();
  }

  /** Answers the call with {@code answer} from a stage before Execute (a cached answer, a rendered prompt). */
  void answer(Exchange call, Answer answer) {
    call.answer = answer;
    relay(call, answer);
  }

  /** Makes {@code answer} the call's answer: from here on the client has it, so nothing can fail over. */
  private void relay(Exchange call, Answer answer) {
    routingHeaders(call);
    switch (answer) {
      case Answer.Cached cached -> replay(call, cached.response(), cached.request());
      case Answer.Rendered rendered -> writeWhole(call, rendered.json());
      case Answer.Local local -> {
        droppedParams(call, local.call());
        writeWhole(call, local.json());
      }
      case Answer.Upstream u -> {
        droppedParams(call, u.call());
        upstream(call, u);
      }
    }
  }

  private static void droppedParams(Exchange call, UpstreamCall upstream) {
    if (!upstream.request().dropped().isEmpty()) {
      call.response.putHeader(call.prefix + "dropped-params", String.join(", ", upstream.request().dropped()));
    }
  }

  /** A provider's answer: copied as it is, or decoded and written in the client's format. */
  private void upstream(Exchange call, Answer.Upstream u) {
    HttpClientResponse response = u.response();
    switch (u.call()) {
      case UpstreamCall.Passthrough p -> {
        if (call.transform != null && call.endpoint.equals(UpstreamCalls.chatEndpoint(call.dialect.id()))) {
          ChatRequest chat = call.dialect.decode(call.body.bytes());
          chat(call, adapters.of(call.target.provider()).chat(call.target), chat, response, isSse(response));
        } else {
          copy(call, response, p.usageAsked());
        }
      }
      case UpstreamCall.TranslatedChat t -> chat(call, t.codec(), t.chat(), response, t.chat().stream());
      case UpstreamCall.TranslatedEndpoint e -> whole(call, response, body -> {
        Buffer json = Buffer.buffer(e.codec().response(body, e.body(), call.target));
        UsageCapture.fromJson(json, call.tokens, OpenAiUsageReader::read);
        return json;
      });
      case UpstreamCall.Local l -> writeWhole(call, l.answer());
    }
  }

  /**
   * A stored answer in the client's dialect: whole, or replayed as the chunks of a stream with its end, written at
   * once. It used no tokens of the provider, so none are counted for the call.
   */
  private void replay(Exchange call, ChatResponse answer, ChatRequest chat) {
    if (!chat.stream()) {
      writeWhole(call, call.dialect.encode(answer, chat));
      return;
    }
    StreamEncoder encoder = call.dialect.stream(chat);
    call.stream = true;
    call.encoder = encoder;
    Buffer events = Buffer.buffer(256 + answer.choices().size() * 256);
    for (ChatChunk chunk : StreamReplay.chunks(answer)) {
      events.appendBuffer(encoder.encode(chunk));
    }
    events.appendBuffer(encoder.end());
    call.markFirstByte();
    call.response.setStatusCode(200)
        .putHeader("content-type", "text/event-stream")
        .putHeader("cache-control", "no-cache")
        .end(events);
    complete(call, 200, null, null);
  }

  /** A chat answer decoded by {@code codec}, through the transform slot, written in the client's dialect. */
  private void chat(Exchange call, ChatCodec codec, ChatRequest chat, HttpClientResponse response, boolean stream) {
    if (stream) {
      decodedStream(call, codec.stream(chat, call.target), call.dialect.stream(chat), response);
      return;
    }
    whole(call, response, body -> {
      ChatResponse answer = codec.response(body, chat, call.target);
      call.usage(answer.usage());
      if (call.transform != null) {
        answer = call.transform.whole(answer);
      }
      return call.dialect.encode(answer, chat);
    });
  }

  /**
   * Reads the provider's whole answer, turns it into the client's and sends it as JSON; a translation that fails (a
   * provider body that is not its documented format) is the call's error instead.
   */
  private void whole(Exchange call, HttpClientResponse response, Function<Buffer, Buffer> translate) {
    response.body().onComplete(ar -> {
      if (call.finished()) {
        return;
      }
      if (ar.failed()) {
        fail(call, AttemptSender.unreachable(call.target, ar.cause()));
        return;
      }
      Buffer answer;
      try {
        answer = translate.apply(ar.result());
      } catch (RuntimeException e) {
        fail(call, e);
        return;
      }
      writeWhole(call, answer);
    });
  }

  private void writeWhole(Exchange call, Buffer json) {
    int status = 200;
    if (call.guard != null) {
      status = call.guard.answerStatus();
      json = HookResultsBody.add(json, call.guard.hookResults());
    }
    call.markFirstByte();
    accountWholeAnswer(call, json);
    call.response.setStatusCode(status).putHeader("content-type", "application/json").end(json);
    complete(call, status, null, null);
  }

  /**
   * The provider's answer as it is: status, headers (but hop-by-hop ones) and body, byte for byte; but for the usage
   * chunk of a stream when the gateway asked for it ({@code usageAsked}) and the client did not.
   */
  private void copy(Exchange call, HttpClientResponse response, boolean usageAsked) {
    HttpServerResponse out = call.response;
    int status = call.guard != null && response.statusCode() == 200 ? call.guard.answerStatus()
        : response.statusCode();
    out.setStatusCode(status);
    response.headers().forEach((name, value) -> {
      if (!hopByHop(name) && !ownRateLimit(out, name)) {
        out.headers().add(name, value);
      }
    });
    String contentType = response.getHeader("content-type");
    if (contentType != null && contentType.contains("json") && !isSse(response)) {
      response.body().onComplete(ar -> {
        if (call.finished()) {
          return;
        }
        if (ar.failed()) {
          fail(call, AttemptSender.unreachable(call.target, ar.cause()));
          return;
        }
        Buffer body = ar.result();
        UsageCapture.fromJson(body, call.tokens, usageReader(call));
        if (call.guard != null) {
          body = HookResultsBody.add(body, call.guard.hookResults());
          out.headers().remove("content-length");
        }
        call.markFirstByte();
        accountWholeAnswer(call, body);
        out.end(body);
        complete(call, status, null, null);
      });
      return;
    }
    boolean sse = isSse(response);
    call.stream = call.stream || sse;
    String length = response.getHeader("content-length");
    if (length != null) {
      out.putHeader("content-length", length);
    } else {
      out.setChunked(true);
    }
    UsageCapture usage = sse ? new UsageCapture(call.tokens, usageReader(call)) : null;
    UsageChunkFilter hidden = sse && usageAsked ? new UsageChunkFilter() : null;
    if (hidden != null) {
      out.headers().remove("content-length");
      out.setChunked(true);
    }
    out.writeHead();
    response.handler(chunk -> {
      call.markFirstByte();
      if (usage != null) {
        usage.accept(chunk);
      }
      Buffer passing = hidden == null ? chunk : hidden.accept(chunk);
      if (passing.length() > 0) {
        out.write(passing);
      }
      backpressure(response, out);
    });
    response.exceptionHandler(err -> broken(call, response, err));
    response.endHandler(v -> {
      if (!call.finished()) {
        if (hidden == null) {
          out.end();
        } else {
          out.end(hidden.end());
        }
        complete(call, status, null, null);
      }
    });
  }

  /** A stream decoded event by event, transformed, and re-encoded in the client's format as it arrives. */
  private void decodedStream(Exchange call, ChunkDecoder decoder, StreamEncoder encoder, HttpClientResponse response) {
    HttpServerResponse out = call.response;
    call.stream = true;
    call.encoder = encoder;
    out.setStatusCode(200).setChunked(true)
        .putHeader("content-type", "text/event-stream")
        .putHeader("cache-control", "no-cache");
    if (call.guard == null) {
      out.writeHead();
    }
    response.handler(bytes -> {
      if (call.finished()) {
        return;
      }
      try {
        write(call, encoder, decoder.feed(bytes), false);
      } catch (RuntimeException e) {
        response.handler(null);
        fail(call, e);
        cancelUpstream(call);
        return;
      }
      backpressure(response, out);
    });
    response.exceptionHandler(err -> broken(call, response, err));
    response.endHandler(v -> {
      if (call.finished()) {
        return;
      }
      try {
        write(call, encoder, decoder.end(), true);
      } catch (RuntimeException e) {
        fail(call, e);
        return;
      }
      if (call.guard != null && !out.headWritten()) {
        out.setStatusCode(call.guard.answerStatus());
      }
      int status = out.getStatusCode();
      if (call.guard != null && call.dialect.id() == Dialect.OPENAI) {
        call.markFirstByte();
        out.write(HookResultsBody.event(call.guard.hookResults()));
      }
      out.end(encoder.end());
      complete(call, status, null, null);
    });
  }

  private static void write(Exchange call, StreamEncoder encoder, List<ChatChunk> chunks, boolean last) {
    ChunkTransform transform = call.transform;
    for (ChatChunk chunk : chunks) {
      if (chunk.usage() != null) {
        call.usage(chunk.usage());
      }
      if (transform == null) {
        send(call, encoder, chunk);
      } else {
        for (ChatChunk out : transform.chunk(chunk)) {
          send(call, encoder, out);
        }
      }
    }
    if (last && transform != null) {
      for (ChatChunk out : transform.end()) {
        send(call, encoder, out);
      }
    }
  }

  private static void send(Exchange call, StreamEncoder encoder, ChatChunk chunk) {
    Buffer bytes = encoder.encode(chunk);
    if (bytes.length() > 0) {
      if (call.guard != null && !call.response.headWritten()) {
        call.response.setStatusCode(call.guard.answerStatus());
      }
      call.markFirstByte();
      call.response.write(bytes);
    }
  }

  private static void backpressure(HttpClientResponse response, HttpServerResponse out) {
    if (out.writeQueueFull()) {
      response.pause();
      out.drainHandler(v -> response.resume());
    }
  }

  /** The provider's stream broke off: the client's stream is cut too, since its end would claim a whole answer. */
  private void broken(Exchange call, HttpClientResponse response, Throwable err) {
    if (!call.finished()) {
      call.response.reset();
      complete(call, 502, "upstream_error", "provider stream broke: " + err.getMessage());
    }
  }

  /**
   * Ends the call with an error: the error object in the client's dialect while nothing was sent, an error event
   * when a decoded stream is under way, else the connection is reset.
   */
  void fail(Exchange call, Throwable failure) {
    if (call.finished()) {
      return;
    }
    GatewayException e = ErrorRenderer.toGatewayException(failure);
    HttpServerResponse out = call.response;
    if (!out.headWritten()) {
      routingHeaders(call);
      ErrorRenderer.render(out, e, call.dialect);
    } else if (call.encoder != null && !out.ended()) {
      out.end(streamError(call, e));
    } else {
      out.reset();
    }
    complete(call, e.status(), e.type(), e.getMessage());
  }

  /**
   * The event that ends a stream broken by {@code e}; a guardrail's refusal on an OpenAI stream carries its
   * {@code hook_results} and is followed by {@code [DONE]}, as Portkey's clients expect.
   */
  private static Buffer streamError(Exchange call, GatewayException e) {
    if (e instanceof GatewayException.GuardrailDenied denied && call.dialect.id() == Dialect.OPENAI) {
      return Buffer.buffer("data: ").appendBuffer(HookResultsBody.add(call.dialect.error(e), denied.hookResults()))
          .appendString("\n\n").appendBuffer(call.encoder.end());
    }
    return call.encoder.error(e);
  }

  /** The client went away before the answer ended: cancel the provider call and record it. */
  void clientGone(Exchange call) {
    if (call.finished()) {
      return;
    }
    call.endReason = Exchange.EndReason.CLIENT_GONE;
    complete(call, 499, "client_closed", "client closed the connection before the response ended");
    cancelUpstream(call);
  }

  /** Resets the provider call in flight, if any; done once the call is finished, so its own failure is ignored. */
  void cancelUpstream(Exchange call) {
    if (call.upstream != null) {
      call.upstream.reset();
    }
  }

  private void complete(Exchange call, int status, String errorType, String errorMessage) {
    if (call.timerId != -1) {
      vertx.cancelTimer(call.timerId);
      call.timerId = -1;
    }
    call.finish(status, errorType, errorMessage);
  }

  /**
   * What a whole answer cost, when it is known before its headers leave (a stream's cost is on its log row); and the
   * answer itself, kept for the log when a policy rule asks for content logging.
   */
  private static void accountWholeAnswer(Exchange call, Buffer answer) {
    if (call.logsContent()) {
      call.answerBody = answer.toString();
    }
    Cost cost = call.cost();
    if (cost != null && cost.usd() != null) {
      call.response.putHeader(call.prefix + "cost-usd", cost.usd().toPlainString());
    }
  }

  /** Says which provider answered, how many retries it took, and which config option served. */
  private static void routingHeaders(Exchange call) {
    HttpServerResponse out = call.response;
    if (call.target == null || out.headWritten()) {
      return;
    }
    out.putHeader(call.prefix + "provider", call.target.provider().id());
    out.putHeader(call.prefix + "retry-attempt-count", Integer.toString(call.retries));
    if (call.fallbackIndex != null) {
      out.putHeader(call.prefix + "last-used-option-index", call.fallbackIndex);
    }
  }

  private static boolean isSse(HttpClientResponse response) {
    String contentType = response.getHeader("content-type");
    return contentType != null && contentType.startsWith("text/event-stream");
  }

  /** The usage format of a passthrough answer: the client's dialect, which the provider speaks. */
  private static UsageCapture.Reader usageReader(Exchange call) {
    return call.dialect.id() == Dialect.ANTHROPIC ? AnthropicUsageReader::read : OpenAiUsageReader::read;
  }

  /** Whether the gateway set this {@code x-ratelimit-*} header itself (a policy limit): the provider's would clash. */
  private static boolean ownRateLimit(HttpServerResponse out, String name) {
    return name.regionMatches(true, 0, "x-ratelimit-", 0, 12) && out.headers().contains(name);
  }

  /** Whether a header belongs to one connection only; compared without allocating a lower-cased copy. */
  private static boolean hopByHop(String name) {
    for (String h : UpstreamCalls.HOP_BY_HOP) {
      if (h.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "Relay";
  }
}
