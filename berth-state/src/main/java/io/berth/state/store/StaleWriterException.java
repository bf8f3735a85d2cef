package io.berth.state.store;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;

/** An append that did not build on the log's head: another master wrote since this one last read. */
public final class StaleWriterException extends BerthException {
  public StaleWriterException(long expected, long actual) {
    super(ErrorCode.NOT_LEADER, "state log moved on: expected head " + expected + " but it is " + actual);
  }
}
