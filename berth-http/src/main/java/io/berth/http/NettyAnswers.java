package io.berth.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** A {@link Response} as the gateway's Netty listener writes it, with the request id and the connection's fate. */
final class NettyAnswers {
  private NettyAnswers() {}

  /** A whole answer (JSON or bytes); a HEAD request gets its headers only. */
  static FullHttpResponse full(Response response, ProxyConnection.Exchange ex) {
    byte[] body = Response.bytesOf(response);
    boolean head = HttpMethod.HEAD.equals(ex.request.method());
    FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()),
        head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    HttpHeaders h = out.headers();
    response.headers().forEach(h::set);
    h.set(HttpHeaderNames.CONTENT_TYPE, response instanceof Response.Bytes b ? b.contentType() : "application/json");
    h.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    finish(h, ex);
    return out;
  }

  /** The head of a streamed answer: chunked, written before the stream's first bytes. */
  static HttpResponse streamHead(Response.Stream stream, ProxyConnection.Exchange ex) {
    HttpResponse out = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(stream.status()));
    HttpHeaders h = out.headers();
    stream.headers().forEach(h::set);
    h.set(HttpHeaderNames.CONTENT_TYPE, stream.contentType());
    h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    finish(h, ex);
    return out;
  }

  private static void finish(HttpHeaders h, ProxyConnection.Exchange ex) {
    h.set("X-Request-Id", ex.requestId);
    if (!ex.keepAlive) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (ex.request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
  }
}
