package io.berth.master.allocation;

import io.berth.api.cluster.Resources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dominant Resource Fairness between roles, then between the frameworks of a role (as Mesos' hierarchical
 * allocator). Pure: it takes what is free and who wants it, and says who gets which agent's free resources.
 * Each agent's free resources go whole to one framework per round: the one whose role, and then itself, has the
 * lowest dominant share, among those not filtering that agent.
 */
public final class DrfAllocator {
  /** Less than this is not worth offering (Mesos' min_allocatable_resources: cpus 0.01 or mem 32). */
  public static final double MIN_CPUS = 0.01;
  public static final double MIN_MEM = 32;

  private DrfAllocator() {}

  /** Free resources of one reachable agent. */
  public record AgentSlot(String agentId, Resources free) {}

  /** A framework that wants offers: its role, what it holds now, and the agents it filters. */
  public record Demand(String frameworkId, String role, Resources allocated, Set<String> filteredAgents) {}

  public record Grant(String frameworkId, String agentId, Resources resources) {}

  public static List<Grant> allocate(Resources clusterTotal, List<AgentSlot> agents, List<Demand> demands) {
    Map<String, Resources> byFramework = new HashMap<>();
    Map<String, Resources> byRole = new HashMap<>();
    for (Demand d : demands) {
      byFramework.put(d.frameworkId(), d.allocated());
      byRole.merge(d.role(), d.allocated(), Resources::plus);
    }
    List<Grant> grants = new ArrayList<>();
    for (AgentSlot slot : agents) {
      if (slot.free().cpus() < MIN_CPUS && slot.free().mem() < MIN_MEM) {
        continue;
      }
      Comparator<Demand> fairest = Comparator
          .comparingDouble((Demand d) -> dominantShare(byRole.get(d.role()), clusterTotal))
          .thenComparingDouble(d -> dominantShare(byFramework.get(d.frameworkId()), clusterTotal))
          .thenComparing(Demand::frameworkId);
      demands.stream()
          .filter(d -> !d.filteredAgents().contains(slot.agentId()))
          .min(fairest)
          .ifPresent(d -> {
            grants.add(new Grant(d.frameworkId(), slot.agentId(), slot.free()));
            byFramework.merge(d.frameworkId(), slot.free(), Resources::plus);
            byRole.merge(d.role(), slot.free(), Resources::plus);
          });
    }
    return grants;
  }

  /** The largest share of any one resource kind that {@code held} takes of {@code total}. */
  public static double dominantShare(Resources held, Resources total) {
    if (held == null) {
      return 0;
    }
    return Math.max(Math.max(share(held.cpus(), total.cpus()), share(held.mem(), total.mem())),
        Math.max(share(held.disk(), total.disk()), share(held.gpus(), total.gpus())));
  }

  private static double share(double held, double total) {
    return total <= 0 ? 0 : held / total;
  }
}
