package io.berth.placement;

import java.util.List;

/**
 * What one instance needs: scalar resources, {@code anyPorts} host ports of the agent's choice, and
 * {@code fixedPorts} that must be exactly these host ports ({@code requirePorts}).
 */
public record Demand(double cpus, double mem, double disk, double gpus, int anyPorts, List<Long> fixedPorts) {
  public Demand {
    fixedPorts = fixedPorts == null ? List.of() : List.copyOf(fixedPorts);
  }

  public static Demand of(double cpus, double mem) {
    return new Demand(cpus, mem, 0, 0, 0, List.of());
  }
}
