package io.berth.cli.task;

import io.berth.client.MesosClient;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;

/** A file of a task's sandbox read through the agent's files API: its last lines, and following what is appended. */
public final class SandboxLog {
  private static final int CHUNK = 64 * 1024;
  private static final long POLL_NANOS = 300_000_000L;

  private final MesosClient mesos;
  private final String agentId;
  private final String path;

  public SandboxLog(MesosClient mesos, String agentId, String path) {
    this.mesos = mesos;
    this.agentId = agentId;
    this.path = path;
  }

  public long size() {
    return mesos.read(agentId, path, -1, -1).path("offset").asLong();
  }

  /** The last {@code lines} lines before {@code end}. */
  public String tail(long end, int lines) {
    StringBuilder text = new StringBuilder();
    long start = end;
    while (start > 0 && newlines(text) <= lines) {
      long from = Math.max(0, start - CHUNK);
      text.insert(0, read(from, start - from));
      start = from;
    }
    return lastLines(text.toString(), lines);
  }

  /** The last {@code n} lines of {@code text} (pure); a final line without newline counts. */
  public static String lastLines(String text, int n) {
    int cut = text.length();
    if (text.endsWith("\n")) {
      cut--;
    }
    int seen = 0;
    while (cut > 0) {
      int nl = text.lastIndexOf('\n', cut - 1);
      seen++;
      if (seen == n || nl < 0) {
        return nl < 0 ? text : text.substring(nl + 1);
      }
      cut = nl;
    }
    return text;
  }

  private String read(long offset, long length) {
    StringBuilder out = new StringBuilder();
    long at = offset;
    while (at < offset + length) {
      String data = mesos.read(agentId, path, at, offset + length - at).path("data").asText();
      if (data.isEmpty()) {
        break;
      }
      out.append(data);
      at += data.getBytes(StandardCharsets.UTF_8).length;
    }
    return out.toString();
  }

  /** Prints what is appended from {@code offset} on, until the process is interrupted (Ctrl-C). */
  public void follow(long offset, PrintWriter out) {
    long at = offset;
    while (!Thread.currentThread().isInterrupted()) {
      String data = mesos.read(agentId, path, at, CHUNK).path("data").asText();
      if (data.isEmpty()) {
        LockSupport.parkNanos(POLL_NANOS);
        continue;
      }
      out.print(data);
      out.flush();
      at += data.getBytes(StandardCharsets.UTF_8).length;
    }
  }

  private static int newlines(CharSequence s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }
}
