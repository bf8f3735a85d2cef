package io.berth.state.zookeeper;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * Bytes too big for one znode (ZooKeeper's default limit is about 1 MB per znode and per request), stored as
 * {@code dir/chunk-0000}, {@code dir/chunk-0001}, ... The caller keeps the {@link Ref} (count, size, SHA-256)
 * in a small znode that it switches atomically once every chunk is written, so readers never see half a blob.
 */
final class ChunkedBlob {
  private ChunkedBlob() {}

  /** How to read a blob back and check that it is complete. */
  record Ref(int chunks, long size, String sha256) {}

  static String chunk(String dir, int index) {
    return dir + "/chunk-" + String.format("%04d", index);
  }

  static List<String> chunkPaths(String dir, Ref ref) {
    return IntStream.range(0, ref.chunks()).mapToObj(i -> chunk(dir, i)).toList();
  }

  /** Creates {@code dir} and its chunks (one create per chunk: a multi-op could not exceed the request limit). */
  static Ref write(CuratorFramework client, String dir, byte[] bytes, int chunkBytes) throws Exception {
    client.create().forPath(dir, new byte[0]);
    int chunks = Math.max(1, (bytes.length + chunkBytes - 1) / chunkBytes);
    for (int i = 0; i < chunks; i++) {
      int from = i * chunkBytes;
      int to = Math.min(bytes.length, from + chunkBytes);
      client.create().forPath(chunk(dir, i), Arrays.copyOfRange(bytes, from, to));
    }
    return new Ref(chunks, bytes.length, sha256(bytes));
  }

  /**
   * Reads a blob back; throws {@link KeeperException.NoNodeException} if a chunk is gone (deleted by a
   * concurrent trim: the caller retries from the pointer) and a corruption error if the bytes do not match.
   */
  static byte[] read(CuratorFramework client, String dir, Ref ref) throws Exception {
    if (ref.size() > Integer.MAX_VALUE - 16) {
      throw ZkErrors.corrupt(dir + " claims " + ref.size() + " bytes");
    }
    byte[] all = new byte[(int) ref.size()];
    int position = 0;
    for (String path : chunkPaths(dir, ref)) {
      byte[] part = client.getData().forPath(path);
      if (position + part.length > all.length) {
        throw ZkErrors.corrupt(dir + " holds more than the " + ref.size() + " bytes its reference names");
      }
      System.arraycopy(part, 0, all, position, part.length);
      position += part.length;
    }
    if (position != all.length || !sha256(all).equals(ref.sha256())) {
      throw ZkErrors.corrupt(dir + " does not match its reference (size or SHA-256 differ)");
    }
    return all;
  }

  /** Deletes {@code dir} with its chunks; a missing directory is fine. */
  static void delete(CuratorFramework client, String dir) throws Exception {
    try {
      client.delete().deletingChildrenIfNeeded().forPath(dir);
    } catch (KeeperException.NoNodeException e) {
      // already gone
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
