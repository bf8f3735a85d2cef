package io.berth.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * What one durable small write costs on the cluster's disk: a file written and fsynced, renamed over its target,
 * and the directory fsynced, the way the agent checkpoints a task or a status update (and close to what
 * ZooKeeper pays per commit). The agent does several of these on the way from launch to TASK_RUNNING.
 */
final class FsyncProbe {
  private static final byte[] RECORD = new byte[512];

  private final Path dir;
  private int n;

  FsyncProbe(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  /** Times one atomic durable write. */
  long once() throws IOException {
    Path target = dir.resolve("record-" + (n++ % 8) + ".json");
    Path temp = dir.resolve(".tmp-" + target.getFileName());
    long started = System.nanoTime();
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(ByteBuffer.wrap(RECORD));
      ch.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
    return System.nanoTime() - started;
  }
}
