package io.berth.state.zookeeper;

import static io.berth.state.zookeeper.StateLayout.json;

import io.berth.state.zookeeper.StateLayout.SnapshotPointer;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches the snapshot pointer and then removes what no load can need any more: log znodes at or below the
 * snapshot's offset, blobs of those batches, and older snapshots. Trimming only ever removes things at or below
 * the offset of a snapshot that the pointer already names, so a crash half-way loses nothing: leftovers are
 * ignored by loads and removed by the next snapshot.
 */
final class LogTrimmer {
  private static final Logger log = LoggerFactory.getLogger(LogTrimmer.class);
  private static final int DELETES_PER_TRANSACTION = 200;

  private final CuratorFramework client;
  private final StateLayout layout;

  LogTrimmer(CuratorFramework client, StateLayout layout) {
    this.client = client;
    this.layout = layout;
  }

  /**
   * Points the snapshot pointer at {@code next} in one multi-op that also checks that every chunk of the
   * snapshot exists; false if the pointer changed since it was read at {@code pointerVersion} or a chunk is gone.
   */
  boolean switchPointer(int pointerVersion, SnapshotPointer next, String dir) throws Exception {
    List<CuratorOp> ops = new ArrayList<>();
    for (String chunk : ChunkedBlob.chunkPaths(dir, next.ref())) {
      ops.add(client.transactionOp().check().forPath(chunk));
    }
    ops.add(client.transactionOp().setData().withVersion(pointerVersion)
        .forPath(layout.snapshotPointer(), json(next)));
    try {
      client.transaction().forOperations(ops);
      return true;
    } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
      return false;
    }
  }

  /** Removes log znodes and blobs at offsets up to {@code upTo}, and snapshots there other than {@code keep}. */
  void trim(long upTo, String keep) {
    try {
      List<String> logs = new ArrayList<>();
      for (String name : client.getChildren().forPath(layout.log())) {
        long offset = StateLayout.offsetOf(name);
        if (offset >= 0 && offset <= upTo) {
          logs.add(layout.log() + "/" + name);
        }
      }
      deleteAll(logs);
      int blobs = 0;
      for (String name : client.getChildren().forPath(layout.blobs())) {
        long offset = StateLayout.offsetOf(name);
        if (offset >= 0 && offset <= upTo) {
          ChunkedBlob.delete(client, layout.blob(name));
          blobs++;
        }
      }
      int snapshots = 0;
      for (String name : client.getChildren().forPath(layout.snapshots())) {
        long offset = StateLayout.offsetOf(name);
        if (offset >= 0 && offset <= upTo && !name.equals(keep)) {
          ChunkedBlob.delete(client, layout.snapshot(name));
          snapshots++;
        }
      }
      log.debug("trimmed {} log znodes, {} blobs, {} snapshots up to offset {}", logs.size(), blobs, snapshots, upTo);
    } catch (Exception e) {
      // The snapshot itself is in place; what is left over is trimmed at the next snapshot.
      log.warn("trimming the state log up to offset {} failed: {}", upTo, e.toString());
    }
  }

  /** Deletes childless znodes, many per multi-op; falls back to one by one when some are already gone. */
  private void deleteAll(List<String> paths) throws Exception {
    for (int from = 0; from < paths.size(); from += DELETES_PER_TRANSACTION) {
      List<String> slice = paths.subList(from, Math.min(paths.size(), from + DELETES_PER_TRANSACTION));
      List<CuratorOp> ops = new ArrayList<>();
      for (String path : slice) {
        ops.add(client.transactionOp().delete().forPath(path));
      }
      try {
        client.transaction().forOperations(ops);
      } catch (KeeperException.NoNodeException e) {
        for (String path : slice) {
          try {
            client.delete().forPath(path);
          } catch (KeeperException.NoNodeException gone) {
            // deleted concurrently
          }
        }
      }
    }
  }
}
