package io.berth.http;

/** Told about every request the {@link ReverseProxy} finished: its head, id, final status and duration. */
@FunctionalInterface
public interface AccessLog {
  void record(RequestHead head, String requestId, int status, long durationNanos);
}
