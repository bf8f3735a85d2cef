package io.berth.state.zookeeper;

import io.berth.common.error.BerthException;
import io.berth.common.json.Json;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.slf4j.LoggerFactory;

/**
 * The znodes of the state store under {@code root}, and the JSON kept in them. See {@code docs/zk-layout.md}.
 *
 * <pre>
 * root/state/head                    {"offset": n, "base": b, "commit": id}; znode version == n - b
 * root/state/bases/BASE              marker: exists only for the current base b
 * root/state/log/OFFSET              the batch at OFFSET (RecordCodec bytes, or a LargeBatch JSON reference)
 * root/state/blobs/OFFSET-ID/chunk-N chunks of a batch too big for one znode
 * root/state/snapshot-pointer        SnapshotPointer JSON, {"offset": 0} when there is no snapshot
 * root/state/snapshots/OFFSET-ID/chunk-N  chunks of RecordCodec.encodeImage
 * </pre>
 */
record StateLayout(String root) {
  static final int OFFSET_DIGITS = 19;

  String state() {
    return root + "/state";
  }

  String head() {
    return state() + "/head";
  }

  String bases() {
    return state() + "/bases";
  }

  String base(long base) {
    return bases() + "/" + pad(base);
  }

  String log() {
    return state() + "/log";
  }

  String log(long offset) {
    return log() + "/" + pad(offset);
  }

  String blobs() {
    return state() + "/blobs";
  }

  String blob(String name) {
    return ZKPaths.makePath(blobs(), name);
  }

  String snapshotPointer() {
    return state() + "/snapshot-pointer";
  }

  String snapshots() {
    return state() + "/snapshots";
  }

  String snapshot(String name) {
    return ZKPaths.makePath(snapshots(), name);
  }

  /** Creates the store's znodes on a fresh cluster; the head last, so an existing head means all exist. */
  void create(CuratorFramework client) throws Exception {
    if (client.checkExists().forPath(head()) != null) {
      return;
    }
    LoggerFactory.getLogger(StateLayout.class).info("creating the state store's znodes under {}", root);
    createIfMissing(client, log(), new byte[0]);
    createIfMissing(client, blobs(), new byte[0]);
    createIfMissing(client, snapshots(), new byte[0]);
    createIfMissing(client, bases(), new byte[0]);
    createIfMissing(client, base(0), new byte[0]);
    createIfMissing(client, snapshotPointer(), json(SnapshotPointer.NONE));
    createIfMissing(client, head(), json(new Head(0, 0, null)));
  }

  private static void createIfMissing(CuratorFramework client, String path, byte[] data) throws Exception {
    try {
      client.create().creatingParentsIfNeeded().forPath(path, data);
    } catch (KeeperException.NodeExistsException e) {
      // created by another master at the same time
    }
  }

  static String pad(long offset) {
    return String.format("%0" + OFFSET_DIGITS + "d", offset);
  }

  /** The offset a log, blob or snapshot znode name starts with, or -1 if it does not start with one. */
  static long offsetOf(String name) {
    if (name.length() < OFFSET_DIGITS) {
      return -1;
    }
    try {
      return Long.parseLong(name.substring(0, OFFSET_DIGITS));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * The head of the log: the offset of the last committed batch; the znode's version is {@code offset - base}.
   * {@code commit} is a random id of the append that wrote it, so a writer can tell whether its own append went
   * through when the connection dropped before the answer came back.
   */
  record Head(long offset, long base, String commit) {
    int version() {
      return Math.toIntExact(offset - base);
    }
  }

  /** Where a snapshot's chunks are; {@code name} is null (and offset 0) when there is no snapshot yet. */
  record SnapshotPointer(long offset, String name, int chunks, long size, String sha256) {
    static final SnapshotPointer NONE = new SnapshotPointer(0, null, 0, 0, null);

    ChunkedBlob.Ref ref() {
      return new ChunkedBlob.Ref(chunks, size, sha256);
    }
  }

  /** What a log znode holds instead of the batch when the batch is too big for one znode. */
  record LargeBatch(String blob, int chunks, long size, String sha256) {
    ChunkedBlob.Ref ref() {
      return new ChunkedBlob.Ref(chunks, size, sha256);
    }
  }

  static byte[] json(Object value) {
    return Json.write(value);
  }

  static <T> T json(byte[] bytes, Class<T> type, String path) {
    try {
      return Json.read(bytes, type);
    } catch (BerthException e) {
      throw ZkErrors.corrupt(path + " does not hold a valid " + type.getSimpleName() + ": " + e.getMessage());
    }
  }
}
