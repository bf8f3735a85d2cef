package io.berth.iam;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;

/** A {@link BerthException} that carries IAM's machine-readable error code (e.g. {@code ERR_LDAP_CONFIG_NOT_AVAILABLE}). */
public final class IamException extends BerthException {
  private final String iamCode;

  public IamException(ErrorCode code, String iamCode, String message) {
    super(code, message);
    this.iamCode = iamCode;
  }

  public IamException(ErrorCode code, String iamCode, String message, Throwable cause) {
    super(code, message, cause);
    this.iamCode = iamCode;
  }

  public String iamCode() {
    return iamCode;
  }
}
