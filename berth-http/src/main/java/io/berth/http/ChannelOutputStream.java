package io.berth.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultHttpContent;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The body of a streamed answer as an {@link OutputStream} for a {@link Response.StreamWriter} on a virtual thread:
 * bytes go out as chunks when 8 KiB have gathered or on {@link #flush()}; a writer waits while the client reads
 * slower than it writes, and gets an {@link IOException} once the client has gone.
 */
final class ChannelOutputStream extends OutputStream {
  private final Channel channel;
  private final byte[] buffer = new byte[8192];
  private int count;

  ChannelOutputStream(Channel channel) {
    this.channel = channel;
  }

  @Override
  public void write(int b) throws IOException {
    if (count == buffer.length) {
      send();
    }
    buffer[count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (count == buffer.length) {
        send();
      }
      int n = Math.min(len, buffer.length - count);
      System.arraycopy(b, off, buffer, count, n);
      count += n;
      off += n;
      len -= n;
    }
  }

  @Override
  public void flush() throws IOException {
    send();
  }

  @Override
  public void close() throws IOException {
    send();
  }

  private void send() throws IOException {
    if (!channel.isActive()) {
      throw new IOException("the client went away");
    }
    if (count == 0) {
      return;
    }
    ChannelFuture written = channel.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(buffer, 0, count)));
    count = 0;
    if (!channel.isWritable()) {
      written.awaitUninterruptibly();
    }
    if (written.isDone() && !written.isSuccess()) {
      throw new IOException("the client went away", written.cause());
    }
  }
}
