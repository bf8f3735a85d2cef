package io.berth.marathon.api;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import java.util.List;

/** 409: run specs are locked by running deployments; Marathon's body lists them under {@code deployments}. */
public final class LockedException extends BerthException {
  private final List<String> deploymentIds;

  public LockedException(List<String> deploymentIds) {
    super(ErrorCode.CONFLICT, "App is locked by one or more deployments. Override with the option '?force=true'. "
        + "View details at '/v2/deployments/" + deploymentIds.getFirst() + "'.");
    this.deploymentIds = List.copyOf(deploymentIds);
  }

  public List<String> deploymentIds() {
    return deploymentIds;
  }
}
