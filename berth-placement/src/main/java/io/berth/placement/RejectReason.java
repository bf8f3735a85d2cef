package io.berth.placement;

/** Why a candidate cannot take an instance; the names are Marathon's {@code /v2/queue} reject reasons. */
public enum RejectReason {
  UnfulfilledRole,
  UnfulfilledConstraint,
  InsufficientCpus,
  InsufficientMemory,
  InsufficientDisk,
  InsufficientGpus,
  InsufficientPorts
}
