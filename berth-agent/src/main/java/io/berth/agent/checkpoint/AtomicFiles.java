package io.berth.agent.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe file writes: a reader (the agent after a crash or power loss) sees either the old or the new content,
 * never a mix. Write to a hidden temp file in the same directory, fsync it, rename it over the target, fsync the
 * directory. Leftover temp files start with {@value #TEMP_PREFIX} and are ignored (and cleaned) by readers.
 */
public final class AtomicFiles {
  public static final String TEMP_PREFIX = ".tmp-";

  private AtomicFiles() {}

  public static void write(Path target, byte[] content) {
    Path dir = target.getParent();
    Path temp = dir.resolve(TEMP_PREFIX + target.getFileName());
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
        ch.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /** Deletes a file (if present) and makes the deletion durable. */
  public static void delete(Path target) {
    try {
      if (Files.deleteIfExists(target)) {
        syncDirectory(target.getParent());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + target, e);
    }
  }

  /** Makes a directory's entries (creations, renames, deletions) durable. */
  public static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  public static boolean isTemp(Path file) {
    return file.getFileName().toString().startsWith(TEMP_PREFIX);
  }
}
