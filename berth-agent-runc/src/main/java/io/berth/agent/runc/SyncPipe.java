package io.berth.agent.runc;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads conmon's one-line report from the read end of its sync pipe, a raw descriptor of this process that
 * {@link PosixSpawn} made. The descriptor is reopened as a Java stream through {@code /proc/self/fd} (an
 * anonymous pipe opens without waiting for a writer) and closed at once, so the blocking read is ordinary Java
 * I/O that a virtual thread may do. The read ends at the first newline or when every writer has closed the pipe
 * (conmon failed and exited); the stream is closed when the read ends, also after a timeout.
 */
final class SyncPipe {
  private static final int MAX_LINE = 64 * 1024;

  private SyncPipe() {}

  /**
   * The first line (without its newline; possibly empty when the pipe closed without one), or empty when nothing
   * ended the read within {@code timeout}. Takes over (and closes) {@code fd}.
   */
  static Optional<String> readLine(int fd, Duration timeout) {
    InputStream in;
    try {
      in = new FileInputStream("/proc/self/fd/" + fd);
    } catch (IOException e) {
      throw new IllegalStateException("cannot open the sync pipe " + fd + ": " + e, e);
    } finally {
      PosixSpawn.close(fd);
    }
    CompletableFuture<String> line = new CompletableFuture<>();
    Thread.ofVirtual().name("conmon-sync-" + fd).start(() -> {
      try (in) {
        line.complete(readLine(in));
      } catch (IOException e) {
        line.complete("");
      }
    });
    try {
      return Optional.of(line.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty(); // the reader ends (and closes) once the monitor is killed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      return Optional.of("");
    }
  }

  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    int b;
    while (bytes.size() < MAX_LINE && (b = in.read()) >= 0 && b != '\n') {
      bytes.write(b);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
