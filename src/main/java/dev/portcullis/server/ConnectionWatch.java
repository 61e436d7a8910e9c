package dev.portcullis.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Watches one client connection, on its event loop:
 * <ul>
 *   <li>Header timeout: from the first byte of a request to the end of its headers, however slowly they trickle,
 *       at most {@code headerTimeout}; past it the connection gets a 408 (when no answer to an earlier request is
 *       still being written) and is closed.</li>
 *   <li>Idle timeout: when the idle handler before it reports no bytes moving either way, the connection is closed
 *       only if no request is in flight; a request whose answer is still streaming, or whose provider is still
 *       thinking, keeps it open.</li>
 * </ul>
 * Two handlers feed it: {@link #bytes()} sits before the HTTP decoder and sees raw bytes; {@link #exchanges()} sits
 * after the codec and sees where requests and responses begin and end.
 */
final class ConnectionWatch {

  private final long headerTimeoutNanos;
  private final ConnectionGuard.Answer headerTimeoutAnswer;
  /** True between requests: the next byte is the first of a request's head. */
  private boolean awaitingHead = true;
  /** When the head being read began (System.nanoTime), or -1 when no head is being read. */
  private long headStartedNanos = -1;
  /**
   * At most one timer per connection, left to fire even when the head it watched has ended: it then looks at the head
   * being read now, if any, and waits out its remaining time. Scheduling and cancelling a timer per request cost a
   * few percent of the passthrough path's CPU.
   */
  private ScheduledFuture<?> headerTimer;
  /** Requests whose head arrived and whose response has not ended. */
  private int inFlight;
  private ChannelHandlerContext exchanges;

  ConnectionWatch(Duration headerTimeout, ConnectionGuard.Answer headerTimeoutAnswer) {
    this.headerTimeoutNanos = headerTimeout.toNanos();
    this.headerTimeoutAnswer = headerTimeoutAnswer;
  }

  ChannelInboundHandlerAdapter bytes() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (awaitingHead && headStartedNanos < 0 && msg instanceof ByteBuf b && b.isReadable()) {
          headStartedNanos = System.nanoTime();
          if (headerTimer == null) {
            watchHead(ctx, headerTimeoutNanos);
          }
        }
        ctx.fireChannelRead(msg);
      }
    };
  }

  ChannelDuplexHandler exchanges() {
    return new ChannelDuplexHandler() {
      @Override
      public void handlerAdded(ChannelHandlerContext ctx) {
        exchanges = ctx;
      }

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
          headEnded();
          inFlight++;
        }
        if (msg instanceof LastHttpContent) {
          awaitingHead = true;
        }
        ctx.fireChannelRead(msg);
      }

      @Override
      public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent && inFlight > 0) {
          inFlight--;
        }
        var unused = ctx.write(msg, promise);
      }

      @Override
      public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof IdleStateEvent)) {
          ctx.fireUserEventTriggered(evt);
        } else if (inFlight == 0) {
          var unused = ctx.close();
        }
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        headEnded();
        if (headerTimer != null) {
          headerTimer.cancel(false);
          headerTimer = null;
        }
        ctx.fireChannelInactive();
      }
    };
  }

  private void watchHead(ChannelHandlerContext ctx, long delayNanos) {
    headerTimer = ctx.executor().schedule(() -> checkHead(ctx), delayNanos, TimeUnit.NANOSECONDS);
  }

  private void headEnded() {
    awaitingHead = false;
    headStartedNanos = -1;
  }

  private void checkHead(ChannelHandlerContext ctx) {
    headerTimer = null;
    if (headStartedNanos < 0 || !ctx.channel().isActive()) {
      return;
    }
    long left = headerTimeoutNanos - (System.nanoTime() - headStartedNanos);
    if (left > 0) {
      watchHead(ctx, left);
      return;
    }
    if (exchanges == null) {
      return;
    }
    headEnded();
    if (inFlight == 0) {
      exchanges.writeAndFlush(headerTimeoutAnswer.response()).addListener(ChannelFutureListener.CLOSE);
    } else {
      var unused = exchanges.close();
    }
  }
}
