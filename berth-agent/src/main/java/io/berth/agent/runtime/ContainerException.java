package io.berth.agent.runtime;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;

/** A container could not be created, started or inspected. */
public final class ContainerException extends BerthException {
  public ContainerException(String message) {
    super(ErrorCode.INTERNAL, message);
  }

  public ContainerException(String message, Throwable cause) {
    super(ErrorCode.INTERNAL, message, cause);
  }
}
