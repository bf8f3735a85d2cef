package io.berth.api.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.berth.common.error.BerthException;
import java.util.ArrayList;
import java.util.List;

/**
 * An amount of agent resources: {@code cpus} (shares of a core), {@code mem} and {@code disk} (MiB), {@code gpus},
 * and {@code ports}. Immutable value arithmetic; scalars are rounded to 3 decimals as Mesos does.
 */
public record Resources(double cpus, double mem, double disk, double gpus, PortRanges ports) {
  public static final Resources NONE = new Resources(0, 0, 0, 0, PortRanges.NONE);

  public Resources {
    cpus = round(cpus);
    mem = round(mem);
    disk = round(disk);
    gpus = round(gpus);
    ports = ports == null ? PortRanges.NONE : ports;
  }

  public static Resources of(double cpus, double mem) {
    return new Resources(cpus, mem, 0, 0, PortRanges.NONE);
  }

  public Resources withPorts(PortRanges newPorts) {
    return new Resources(cpus, mem, disk, gpus, newPorts);
  }

  public Resources plus(Resources o) {
    return new Resources(cpus + o.cpus, mem + o.mem, disk + o.disk, gpus + o.gpus, ports.plus(o.ports));
  }

  /** This minus {@code o}; scalars never go below zero. */
  public Resources minus(Resources o) {
    return new Resources(Math.max(0, cpus - o.cpus), Math.max(0, mem - o.mem), Math.max(0, disk - o.disk),
        Math.max(0, gpus - o.gpus), ports.minus(o.ports));
  }

  /** True when {@code o} fits entirely into this. */
  public boolean contains(Resources o) {
    return o.cpus <= cpus + 1e-9 && o.mem <= mem + 1e-9 && o.disk <= disk + 1e-9 && o.gpus <= gpus + 1e-9
        && ports.containsAll(o.ports);
  }

  @JsonIgnore
  public boolean isEmpty() {
    return cpus <= 0 && mem <= 0 && disk <= 0 && gpus <= 0 && ports.isEmpty();
  }

  /** True when there are enough cpus and mem left for something to run. */
  public boolean isUsable(double minCpus, double minMem) {
    return cpus >= minCpus && mem >= minMem;
  }

  /** Throws {@link BerthException} (INVALID) when any amount is negative or not a number. */
  public Resources validated(String where) {
    List<String> errors = new ArrayList<>();
    check(errors, "cpus", cpus);
    check(errors, "mem", mem);
    check(errors, "disk", disk);
    check(errors, "gpus", gpus);
    if (!errors.isEmpty()) {
      throw BerthException.invalid(where + ": " + String.join("; ", errors));
    }
    return this;
  }

  private static void check(List<String> errors, String name, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value) || value < 0) {
      errors.add(name + " must be a non-negative number, got " + value);
    }
  }

  private static double round(double v) {
    return Double.isFinite(v) ? Math.round(v * 1000.0) / 1000.0 : v;
  }
}
