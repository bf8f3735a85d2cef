package io.berth.state.zookeeper;

import io.berth.common.id.IdGenerator;
import static io.berth.state.zookeeper.StateLayout.json;
import static io.berth.state.zookeeper.StateLayout.pad;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.state.image.ClusterImage;
import io.berth.state.record.ChangeRecord;
import io.berth.state.store.RecordCodec;
import io.berth.state.store.StaleWriterException;
import io.berth.state.store.StateStore;
import io.berth.state.zookeeper.StateLayout.Head;
import io.berth.state.zookeeper.StateLayout.LargeBatch;
import io.berth.state.zookeeper.StateLayout.SnapshotPointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster state in ZooKeeper: a log of record batches plus a snapshot, laid out as {@code docs/zk-layout.md}
 * describes. Every append is one multi-op transaction that moves the head only if it is still where the writer
 * expects it, so a deposed leader gets {@link StaleWriterException} instead of forking the log. Batches and
 * snapshots too big for one znode are written in chunks before a small znode that references them is switched
 * in atomically. Failures to reach ZooKeeper are {@link BerthException}s with {@link ErrorCode#UNAVAILABLE}.
 *
 * <p>The store does not own the client: whoever created it closes it.
 */
public final class ZkStateStore implements StateStore {
  private static final Logger log = LoggerFactory.getLogger(ZkStateStore.class);
  private static final int LOAD_ATTEMPTS = 5;

  private final CuratorFramework client;
  private final StateLayout layout;
  private final Limits limits;
  private final LogTrimmer trimmer;
  private boolean layoutReady;
  /** The head as this store last read or wrote it; null when unknown (after a connection failure). */
  private Head knownHead;

  /**
   * Size limits. {@code chunkBytes}: the largest znode this store writes; {@code maxBatchBytes}: the largest
   * encoded batch accepted; {@code rebaseAtVersion}: head znode version at which a snapshot re-bases the head,
   * far below the 32-bit limit of znode versions.
   */
  record Limits(int chunkBytes, int maxBatchBytes, int rebaseAtVersion) {
    static final Limits DEFAULT = new Limits(900 * 1024, 8 * 1024 * 1024, 1 << 30);
  }

  /** A store under {@code root} (e.g. {@code /berth}, see {@link ZkConfig#root()}) using {@code client}. */
  public ZkStateStore(CuratorFramework client, String root) {
    this(client, root, Limits.DEFAULT);
  }

  ZkStateStore(CuratorFramework client, String root, Limits limits) {
    this.client = client;
    this.layout = new StateLayout(ZkConfig.validRoot(root));
    this.limits = limits;
    this.trimmer = new LogTrimmer(client, layout);
  }

  @Override
  public synchronized ClusterImage load() {
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          return loadOnce();
        } catch (KeeperException.NoNodeException e) {
          // A snapshot trimmed what this load was about to read; start again from the new pointer.
          if (attempt >= LOAD_ATTEMPTS) {
            throw ZkErrors.corrupt(e.getPath() + " is missing but the log needs it");
          }
          log.debug("state moved on under a load ({} is gone), reading again", e.getPath());
        }
      }
    } catch (Exception e) {
      throw ZkErrors.translate("cannot load the cluster state from ZooKeeper", e);
    }
  }

  private ClusterImage loadOnce() throws Exception {
    ensureLayout();
    SnapshotPointer pointer = readPointer(new Stat()); // before the head: the pointer never passes the head
    Head head = readHead(new Stat());
    if (pointer.offset() > head.offset()) {
      throw ZkErrors.corrupt("snapshot at " + pointer.offset() + " is beyond the log's head " + head.offset());
    }
    ClusterImage image = ClusterImage.EMPTY;
    if (pointer.name() != null) {
      image = RecordCodec.decodeImage(ChunkedBlob.read(client, layout.snapshot(pointer.name()), pointer.ref()));
      if (image.offset() != pointer.offset()) {
        throw ZkErrors.corrupt("snapshot " + pointer.name() + " holds offset " + image.offset());
      }
    }
    for (long offset = image.offset() + 1; offset <= head.offset(); offset++) {
      image = image.apply(offset, RecordCodec.decodeBatch(readBatch(offset)));
    }
    knownHead = head;
    log.debug("loaded state at offset {} (snapshot at {})", head.offset(), pointer.offset());
    return image;
  }

  /**
   * {@inheritDoc}
   *
   * <p>An UNAVAILABLE failure leaves the outcome unknown (the commit may have reached ZooKeeper before the
   * connection dropped): the caller must stop writing and {@link #load()} again before it appends more.
   *
   * @throws BerthException TOO_LARGE when the encoded batch exceeds 8 MB
   */
  @Override
  public synchronized void append(long expectedOffset, List<ChangeRecord> batch) {
    byte[] bytes = RecordCodec.encodeBatch(batch);
    if (bytes.length > limits.maxBatchBytes()) {
      throw new BerthException(ErrorCode.TOO_LARGE, "a batch of " + batch.size() + " records encodes to "
          + bytes.length + " bytes, more than the " + limits.maxBatchBytes() + " bytes the state log accepts");
    }
    long offset = expectedOffset + 1;
    String blob = null;
    try {
      ensureLayout();
      Head head = knownHead != null ? knownHead : readHead(new Stat());
      byte[] logData = bytes;
      if (bytes.length > limits.chunkBytes()) {
        blob = pad(offset) + "-" + randomId();
        ChunkedBlob.Ref ref = ChunkedBlob.write(client, layout.blob(blob), bytes, limits.chunkBytes());
        logData = json(new LargeBatch(blob, ref.chunks(), ref.size(), ref.sha256()));
      }
      for (int attempt = 1; ; attempt++) {
        Head committed = tryCommit(head, expectedOffset, logData);
        if (committed != null) {
          knownHead = committed;
          return;
        }
        Head actual = readHead(new Stat());
        knownHead = actual;
        if (actual.offset() == expectedOffset && actual.base() != head.base() && attempt < 3) {
          head = actual; // only the base moved (a re-basing snapshot): the writer is not stale
          continue;
        }
        if (actual.offset() == expectedOffset) {
          throw ZkErrors.corrupt(layout.log(offset) + " exists although the head is " + actual.offset());
        }
        deleteBlobQuietly(blob);
        throw new StaleWriterException(expectedOffset, actual.offset());
      }
    } catch (BerthException e) {
      throw e;
    } catch (Exception e) {
      knownHead = null;
      throw ZkErrors.translate("cannot append batch " + offset + " to the state log", e);
    }
  }

  /**
   * One multi-op: moves the head from expectedOffset (with this base) to expectedOffset + 1 and creates the log
   * znode. Returns the new head, or null if the head was elsewhere.
   */
  private Head tryCommit(Head head, long expectedOffset, byte[] logData) throws Exception {
    long version = expectedOffset - head.base();
    if (version < 0 || version > Integer.MAX_VALUE) {
      return null; // the offset cannot be the head under this base; never pass -1 ("any version")
    }
    Head next = new Head(expectedOffset + 1, head.base(), IdGenerator.random().next());
    try {
      client.transaction().forOperations(
          client.transactionOp().check().forPath(layout.base(head.base())),
          client.transactionOp().setData().withVersion((int) version).forPath(layout.head(), json(next)),
          client.transactionOp().create().forPath(layout.log(next.offset()), logData));
      return next;
    } catch (KeeperException.BadVersionException | KeeperException.NoNodeException
             | KeeperException.NodeExistsException e) {
      // After a connection loss Curator retries the multi-op, and the first attempt may have committed.
      return next.equals(readHead(new Stat())) ? next : null;
    }
  }

  @Override
  public synchronized void snapshot(ClusterImage image) {
    if (image.offset() <= 0) {
      return;
    }
    try {
      ensureLayout();
      Stat pointerStat = new Stat();
      SnapshotPointer current = readPointer(pointerStat);
      if (image.offset() <= current.offset()) {
        log.debug("snapshot at {} skipped: there is one at {}", image.offset(), current.offset());
        return;
      }
      Head head = readHead(new Stat());
      if (image.offset() > head.offset()) {
        throw BerthException.invalid("cannot snapshot an image at offset " + image.offset()
            + ": the state log ends at " + head.offset());
      }
      String name = pad(image.offset()) + "-" + randomId();
      String dir = layout.snapshot(name);
      byte[] bytes = RecordCodec.encodeImage(image);
      ChunkedBlob.Ref ref = ChunkedBlob.write(client, dir, bytes, limits.chunkBytes());
      SnapshotPointer next = new SnapshotPointer(image.offset(), name, ref.chunks(), ref.size(), ref.sha256());
      if (!trimmer.switchPointer(pointerStat.getVersion(), next, dir)) {
        ChunkedBlob.delete(client, dir);
        if (readPointer(new Stat()).offset() >= image.offset()) {
          return; // another writer snapshotted at least as far
        }
        throw new BerthException(ErrorCode.CONFLICT,
            "snapshot at offset " + image.offset() + " raced with another writer; try again");
      }
      log.info("snapshot at offset {}: {} bytes in {} chunk(s)", image.offset(), bytes.length, ref.chunks());
      trimmer.trim(image.offset(), name);
      rebaseIfDue();
    } catch (Exception e) {
      throw ZkErrors.translate("cannot write a snapshot at offset " + image.offset(), e);
    }
  }

  /** Resets the head znode's version to 0 when it nears the 32-bit limit; the base marker fences old writers. */
  private void rebaseIfDue() throws Exception {
    Stat stat = new Stat();
    Head head = readHead(stat);
    if (stat.getVersion() < limits.rebaseAtVersion()) {
      return;
    }
    Head rebased = new Head(head.offset(), head.offset(), head.commit());
    try {
      client.transaction().forOperations(
          client.transactionOp().delete().withVersion(stat.getVersion()).forPath(layout.head()),
          client.transactionOp().create().forPath(layout.head(), json(rebased)),
          client.transactionOp().delete().forPath(layout.base(head.base())),
          client.transactionOp().create().forPath(layout.base(rebased.base())));
      knownHead = rebased;
      log.info("state log head re-based at offset {}", rebased.offset());
    } catch (KeeperException.BadVersionException | KeeperException.NoNodeException
             | KeeperException.NodeExistsException e) {
      knownHead = null;
      log.info("state log head moved while re-basing; trying again at the next snapshot");
    }
  }

  /** Reads without touching what this store knows as a writer: followers call it while a leader appends. */
  @Override
  public Optional<List<Batch>> batchesAfter(long offset) {
    try {
      ensureLayout();
      Head head = readHead(new Stat());
      if (offset > head.offset()) {
        throw ZkErrors.corrupt("a reader is at offset " + offset + " but the log's head is " + head.offset());
      }
      List<Batch> batches = new ArrayList<>();
      for (long o = offset + 1; o <= head.offset(); o++) {
        batches.add(new Batch(o, RecordCodec.decodeBatch(readBatch(o))));
      }
      return Optional.of(batches);
    } catch (KeeperException.NoNodeException e) {
      return Optional.empty(); // trimmed by a snapshot
    } catch (Exception e) {
      throw ZkErrors.translate("cannot read the state log after offset " + offset, e);
    }
  }

  /** A ZooKeeper watch on the head znode (Curator's single-node cache, which re-arms itself after reconnects). */
  @Override
  public AutoCloseable watchHead(Runnable onChange) {
    CuratorCache cache = CuratorCache.build(client, layout.head(), CuratorCache.Options.SINGLE_NODE_CACHE);
    cache.listenable().addListener(CuratorCacheListener.builder()
        .forCreatesAndChanges((before, after) -> onChange.run())
        .forInitialized(onChange::run)
        .build());
    cache.start();
    return cache::close;
  }

  private byte[] readBatch(long offset) throws Exception {
    String path = layout.log(offset);
    byte[] data = client.getData().forPath(path);
    if (data.length > 0 && data[0] == '{') { // RecordCodec output is gzip (0x1f 0x8b) or a JSON array; '{': a reference
      LargeBatch ref = json(data, LargeBatch.class, path);
      return ChunkedBlob.read(client, layout.blob(ref.blob()), ref.ref());
    }
    return data;
  }

  private Head readHead(Stat stat) throws Exception {
    byte[] data = client.getData().storingStatIn(stat).forPath(layout.head());
    Head head = json(data, Head.class, layout.head());
    if (stat.getVersion() != head.offset() - head.base()) {
      throw ZkErrors.corrupt(layout.head() + " has version " + stat.getVersion() + " but says " + head);
    }
    return head;
  }

  private SnapshotPointer readPointer(Stat stat) throws Exception {
    byte[] data = client.getData().storingStatIn(stat).forPath(layout.snapshotPointer());
    return json(data, SnapshotPointer.class, layout.snapshotPointer());
  }

  private synchronized void ensureLayout() throws Exception {
    if (!layoutReady) {
      layout.create(client);
      layoutReady = true;
    }
  }

  private void deleteBlobQuietly(String blob) {
    if (blob != null) {
      try {
        ChunkedBlob.delete(client, layout.blob(blob));
      } catch (Exception e) {
        log.debug("could not delete unused blob {}; a later snapshot trims it", blob, e);
      }
    }
  }

  private static String randomId() {
    return IdGenerator.random().next().substring(0, 8);
  }

  /** Does nothing: the client belongs to whoever created this store. */
  @Override
  public void close() {}
}
