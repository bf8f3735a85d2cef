package io.berth.framework;

/** How long the master should not offer the declined (or left-over) resources of an agent again. Mesos default: 5 s. */
public record Filters(double refuseSeconds) {
  public static final Filters DEFAULT = new Filters(5.0);
  public static final Filters NONE = new Filters(0.0);
}
