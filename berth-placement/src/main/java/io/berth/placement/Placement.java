package io.berth.placement;

import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Pure placement: decides whether a candidate agent can take an instance and which one should. No I/O, no clock.
 *
 * <p>Usage: build a {@link PlacementRequest} (demand, constraints, agents of the existing instances), then either
 * {@link #check} one candidate (an offer) or {@link #place} over many; {@link #take} gives the concrete resources
 * (host ports chosen lowest first) to launch with.
 */
public final class Placement {
  private Placement() {}

  /** Why {@code candidate} cannot take the instance; empty when it can. */
  public static List<RejectReason> check(PlacementRequest request, Candidate candidate) {
    return check(request, candidate, List.of(candidate.agent()));
  }

  /**
   * Like {@link #check}, with {@code known} the agents placement knows of (GROUP_BY counts their values as
   * groups that exist even without instances).
   */
  public static List<RejectReason> check(PlacementRequest request, Candidate candidate, List<AgentFacts> known) {
    List<RejectReason> reasons = new ArrayList<>();
    Demand d = request.demand();
    Resources free = candidate.free();
    if (free.cpus() + 1e-9 < d.cpus()) {
      reasons.add(RejectReason.InsufficientCpus);
    }
    if (free.mem() + 1e-9 < d.mem()) {
      reasons.add(RejectReason.InsufficientMemory);
    }
    if (free.disk() + 1e-9 < d.disk()) {
      reasons.add(RejectReason.InsufficientDisk);
    }
    if (free.gpus() + 1e-9 < d.gpus()) {
      reasons.add(RejectReason.InsufficientGpus);
    }
    if (choosePorts(d, free.ports()).isEmpty()) {
      reasons.add(RejectReason.InsufficientPorts);
    }
    for (Constraint c : request.constraints()) {
      if (!satisfies(c, candidate.agent(), request.existing(), known)) {
        reasons.add(RejectReason.UnfulfilledConstraint);
        break;
      }
    }
    return reasons;
  }

  /**
   * Chooses the best candidate: one that passes {@link #check}, preferring agents with fewer instances of this
   * request (spread), then more free cpus, then candidate order.
   */
  public static PlacementResult place(PlacementRequest request, List<Candidate> candidates) {
    List<AgentFacts> known = candidates.stream().map(Candidate::agent).toList();
    Map<String, List<RejectReason>> rejected = new LinkedHashMap<>();
    Map<String, Integer> perAgent = new HashMap<>();
    request.existing().forEach(a -> perAgent.merge(a.agentId(), 1, Integer::sum));
    Candidate best = null;
    for (Candidate c : candidates) {
      List<RejectReason> reasons = check(request, c, known);
      if (!reasons.isEmpty()) {
        rejected.put(c.agentId(), reasons);
        continue;
      }
      if (best == null || RANK.compare(c, best, perAgent) < 0) {
        best = c;
      }
    }
    if (best == null) {
      return new PlacementResult.Rejected(rejected);
    }
    return take(request.demand(), best).orElseThrow();
  }

  private interface Rank {
    int compare(Candidate a, Candidate b, Map<String, Integer> perAgent);
  }

  private static final Rank RANK = (a, b, perAgent) -> Comparator
      .comparingInt((Candidate c) -> perAgent.getOrDefault(c.agentId(), 0))
      .thenComparing(Comparator.comparingDouble((Candidate c) -> c.free().cpus()).reversed())
      .compare(a, b);

  /** The concrete resources for {@code demand} out of {@code candidate.free()}, if they fit. */
  public static Optional<PlacementResult.Placed> take(Demand demand, Candidate candidate) {
    Optional<List<Long>> ports = choosePorts(demand, candidate.free().ports());
    Resources need = new Resources(demand.cpus(), demand.mem(), demand.disk(), demand.gpus(), PortRanges.NONE);
    if (ports.isEmpty() || !candidate.free().contains(need)) {
      return Optional.empty();
    }
    return Optional.of(new PlacementResult.Placed(candidate.agentId(), need.withPorts(PortRanges.ofPorts(ports.get())),
        ports.get()));
  }

  /** Fixed ports first (all must be free), then the lowest free ports for the rest; empty if they do not fit. */
  static Optional<List<Long>> choosePorts(Demand d, PortRanges free) {
    List<Long> chosen = new ArrayList<>();
    for (long p : d.fixedPorts()) {
      if (!free.contains(p) || chosen.contains(p)) {
        return Optional.empty();
      }
      chosen.add(p);
    }
    if (d.anyPorts() > 0) {
      PortRanges rest = free.minus(PortRanges.ofPorts(chosen));
      List<Long> any = rest.lowest(d.anyPorts());
      if (any.size() < d.anyPorts()) {
        return Optional.empty();
      }
      chosen.addAll(any);
    }
    return Optional.of(chosen);
  }

  /** True when placing one more instance on {@code agent} keeps {@code c} satisfied, given the existing instances. */
  public static boolean satisfies(Constraint c, AgentFacts agent, List<AgentFacts> existing, List<AgentFacts> known) {
    Optional<String> value = agent.value(c.field());
    if (value.isEmpty()) {
      return c.operator() == Operator.UNLIKE;
    }
    String v = value.get();
    return switch (c.operator()) {
      case UNIQUE -> existing.stream().noneMatch(e -> e.value(c.field()).map(v::equals).orElse(false));
      case CLUSTER -> c.value() != null && !c.value().isEmpty()
          ? v.equals(AgentFacts.normalise(c.value()))
          : existing.stream().map(e -> e.value(c.field())).flatMap(Optional::stream).findFirst().map(v::equals).orElse(true);
      case GROUP_BY -> groupBy(c, v, existing, known);
      case LIKE -> Pattern.compile(c.value()).matcher(v).matches();
      case UNLIKE -> !Pattern.compile(c.value()).matcher(v).matches();
      case MAX_PER -> existing.stream().filter(e -> e.value(c.field()).map(v::equals).orElse(false)).count() < c.intValue();
      case IS -> v.equals(AgentFacts.normalise(c.value()));
    };
  }

  /**
   * Marathon's rule: accept when the value has no instance yet, or when at least N distinct values are known and
   * this value's group has the fewest instances.
   */
  private static boolean groupBy(Constraint c, String v, List<AgentFacts> existing, List<AgentFacts> known) {
    Map<String, Integer> counts = new HashMap<>();
    for (AgentFacts a : known) {
      a.value(c.field()).ifPresent(x -> counts.putIfAbsent(x, 0));
    }
    for (AgentFacts e : existing) {
      e.value(c.field()).ifPresent(x -> counts.merge(x, 1, Integer::sum));
    }
    counts.putIfAbsent(v, 0);
    int mine = counts.get(v);
    if (mine == 0) {
      return true;
    }
    int groups = c.value() == null ? 0 : c.intValue();
    int min = counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
    return counts.size() >= groups && mine <= min;
  }
}
