package dev.portcullis.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A connection over the limit: its first request is read and discarded (never reaching the gateway), answered with
 * the refusal, and the connection closed. Answering after the request, rather than on accept, lets the client read
 * the answer instead of a reset. A client that sends no complete request within the header timeout is closed
 * without one.
 */
final class RefusedConnection extends ChannelInboundHandlerAdapter {

  private final Duration deadline;
  private final ConnectionGuard.Answer refusal;
  private ScheduledFuture<?> timer;
  private boolean answered;

  RefusedConnection(Duration deadline, ConnectionGuard.Answer refusal) {
    this.deadline = deadline;
    this.refusal = refusal;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    timer = ctx.executor().schedule(() -> {
      var unused = ctx.close();
    }, deadline.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HttpObject)) {
      ctx.fireChannelRead(msg);
      return;
    }
    boolean last = msg instanceof LastHttpContent;
    ReferenceCountUtil.release(msg);
    if (last && !answered) {
      answered = true;
      timer.cancel(false);
      ctx.writeAndFlush(refusal.response()).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
