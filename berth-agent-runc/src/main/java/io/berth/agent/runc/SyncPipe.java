package io.berth.agent.runc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads conmon's one-line report from the read end of its sync pipe, a raw descriptor of this process that
 * {@link PosixSpawn} made, on the calling thread ({@link Descriptors}). The read ends at the first newline or when
 * every writer has closed the pipe (conmon failed and exited); the descriptor is closed when the read ends, also after
 * a timeout.
 */
final class SyncPipe {
  private static final int MAX_LINE = 64 * 1024;

  private SyncPipe() {}

  /**
   * The first line (without its newline; possibly empty when the pipe closed without one), or empty when nothing
   * ended the read within {@code timeout}. Takes over (and closes) {@code fd}.
   */
  static Optional<String> readLine(int fd, Duration timeout) {
    try {
      return Descriptors.readUntil(fd, SyncPipe::hasLine, timeout).map(SyncPipe::firstLine);
    } catch (IOException e) {
      return Optional.of(""); // as a pipe that closed without a report
    } finally {
      PosixSpawn.close(fd);
    }
  }

  private static boolean hasLine(ByteArrayOutputStream bytes) {
    return bytes.size() >= MAX_LINE || bytes.toString(StandardCharsets.ISO_8859_1).indexOf('\n') >= 0;
  }

  private static String firstLine(byte[] bytes) {
    int end = 0;
    while (end < bytes.length && end < MAX_LINE && bytes[end] != '\n') {
      end++;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }
}
