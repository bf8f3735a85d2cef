package io.berth.state.zookeeper;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import org.apache.zookeeper.KeeperException;

/** Turns ZooKeeper and Curator failures into {@link BerthException}s: connection trouble is UNAVAILABLE. */
final class ZkErrors {
  private ZkErrors() {}

  static BerthException translate(String what, Exception e) {
    if (e instanceof BerthException be) {
      return be;
    }
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return new BerthException(ErrorCode.UNAVAILABLE, what + ": interrupted", e);
    }
    if (isConnectionProblem(e)) {
      return new BerthException(ErrorCode.UNAVAILABLE, what + ": ZooKeeper unavailable (" + e.getMessage() + ")", e);
    }
    return new BerthException(ErrorCode.INTERNAL, what + ": " + e, e);
  }

  /** True for failures that a later retry against a reachable ZooKeeper may not see. */
  static boolean isConnectionProblem(Throwable e) {
    if (e instanceof KeeperException ke) {
      return switch (ke.code()) {
        case CONNECTIONLOSS, SESSIONEXPIRED, SESSIONMOVED, OPERATIONTIMEOUT, NOTREADONLY, RECONFIGINPROGRESS,
             REQUESTTIMEOUT, THROTTLEDOP -> true;
        default -> false;
      };
    }
    // Curator throws IllegalStateException once the client is closed.
    return e instanceof IllegalStateException;
  }

  static BerthException corrupt(String message) {
    return new BerthException(ErrorCode.INTERNAL, "state in ZooKeeper is inconsistent: " + message);
  }
}
