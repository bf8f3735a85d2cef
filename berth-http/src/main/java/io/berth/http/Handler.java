package io.berth.http;

/** Answers one request. Throw {@link io.berth.common.error.BerthException} for errors: the router renders them. */
@FunctionalInterface
public interface Handler {
  Response handle(Request request) throws Exception;
}
