package io.berth.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.cluster.FaultDomain;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementTest {
  private static final Resources BIG = new Resources(4, 4096, 1000, 0, PortRanges.parse("[31000-31010]"));
  private final AgentFacts a1 = agent("a1", "h1", Map.of("rack", "r1", "size", "0.80"), "eu", "z1");
  private final AgentFacts a2 = agent("a2", "h2", Map.of("rack", "r2"), "eu", "z2");
  private final AgentFacts a3 = agent("a3", "h3", Map.of("rack", "r1"), "us", "z3");

  private static AgentFacts agent(String id, String host, Map<String, String> attrs, String region, String zone) {
    return new AgentFacts(id, host, attrs, new FaultDomain(region, zone));
  }

  private static PlacementRequest req(List<List<String>> constraints, AgentFacts... existing) {
    return new PlacementRequest(Demand.of(1, 128), constraints.stream().map(Constraint::parse).toList(), List.of(existing));
  }

  private List<Candidate> all() {
    return List.of(new Candidate(a1, BIG), new Candidate(a2, BIG), new Candidate(a3, BIG));
  }

  @Test
  void validatesWithMarathonsMessages() {
    assertThat(Constraint.validate(List.of("hostname", "UNIQUE", "x"))).containsExactly("UNIQUE does not accept a value");
    assertThat(Constraint.validate(List.of("hostname"))).containsExactly("Each constraint must have either 2 or 3 fields");
    assertThat(Constraint.validate(List.of("hostname", "IN", "a"))).first().asString().startsWith("operator must be one of");
    assertThat(Constraint.validate(List.of("rack", "LIKE"))).first().asString().contains("LIKE and UNLIKE require");
    assertThat(Constraint.validate(List.of("rack", "LIKE", "[a"))).first().asString().contains("not a valid regular expression");
    assertThat(Constraint.validate(List.of("rack", "MAX_PER", "x"))).containsExactly("MAX_PER requires an integer value");
    assertThat(Constraint.validate(List.of("rack", "GROUP_BY", "two"))).first().asString().startsWith("GROUP BY must");
    assertThat(Constraint.validate(List.of("rack", "IS", "a b"))).first().asString().startsWith("IS only supports");
    assertThat(Constraint.validate(List.of("rack", "group_by"))).isEmpty();
    assertThat(Constraint.parse(List.of("rack", "unique")).operator()).isEqualTo(Operator.UNIQUE);
  }

  @Test
  void uniqueHostnameRunsOnePerAgentAndRejectsTheFourth() {
    PlacementRequest r = req(List.of(List.of("hostname", "UNIQUE")));
    List<String> placed = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      PlacementResult.Placed p = (PlacementResult.Placed) Placement.place(r, all());
      placed.add(p.agentId());
      r = r.placedOn(List.of(a1, a2, a3).stream().filter(a -> a.agentId().equals(p.agentId())).findFirst().orElseThrow());
    }
    assertThat(placed).containsExactlyInAnyOrder("a1", "a2", "a3");
    PlacementResult fourth = Placement.place(r, all());
    assertThat(fourth).isInstanceOf(PlacementResult.Rejected.class);
    assertThat(((PlacementResult.Rejected) fourth).reasons()).containsOnlyKeys("a1", "a2", "a3")
        .allSatisfy((k, v) -> assertThat(v).containsExactly(RejectReason.UnfulfilledConstraint));
  }

  @Test
  void clusterLikeUnlikeIsMaxPer() {
    assertThat(Placement.check(req(List.of(List.of("rack", "CLUSTER", "r2"))), new Candidate(a1, BIG))).isNotEmpty();
    assertThat(Placement.check(req(List.of(List.of("rack", "CLUSTER")), a3), new Candidate(a1, BIG))).isEmpty();
    assertThat(Placement.check(req(List.of(List.of("rack", "CLUSTER")), a2), new Candidate(a1, BIG))).isNotEmpty();
    assertThat(Placement.check(req(List.of(List.of("hostname", "LIKE", "h[12]"))), new Candidate(a3, BIG))).isNotEmpty();
    assertThat(Placement.check(req(List.of(List.of("hostname", "LIKE", "h"))), new Candidate(a1, BIG))).isNotEmpty();
    assertThat(Placement.check(req(List.of(List.of("hostname", "UNLIKE", "h[12]"))), new Candidate(a3, BIG))).isEmpty();
    assertThat(Placement.check(req(List.of(List.of("missing", "UNLIKE", "x"))), new Candidate(a3, BIG))).isEmpty();
    assertThat(Placement.check(req(List.of(List.of("missing", "LIKE", ".*"))), new Candidate(a3, BIG))).isNotEmpty();
    assertThat(Placement.check(req(List.of(List.of("size", "IS", "0.8"))), new Candidate(a1, BIG))).isEmpty();
    assertThat(Placement.check(req(List.of(List.of("@region", "IS", "us"))), new Candidate(a3, BIG))).isEmpty();
    assertThat(Placement.check(req(List.of(List.of("@zone", "IS", "z1"))), new Candidate(a3, BIG))).isNotEmpty();
    assertThat(Placement.check(req(List.of(List.of("rack", "MAX_PER", "2")), a1, a3), new Candidate(a1, BIG))).isNotEmpty();
    assertThat(Placement.check(req(List.of(List.of("rack", "MAX_PER", "2")), a1), new Candidate(a3, BIG))).isEmpty();
  }

  @Test
  void groupBySpreadsOverValues() {
    PlacementRequest r = req(List.of(List.of("rack", "GROUP_BY", "2")), a1);
    PlacementResult.Placed p = (PlacementResult.Placed) Placement.place(r, all());
    assertThat(p.agentId()).isEqualTo("a2");
    r = r.placedOn(a2);
    assertThat(Placement.place(r, List.of(new Candidate(a3, BIG), new Candidate(a2, BIG)))).isInstanceOf(PlacementResult.Placed.class);
    r = r.placedOn(a3);
    assertThat(Placement.check(r, new Candidate(a1, BIG), List.of(a1, a2, a3))).containsExactly(RejectReason.UnfulfilledConstraint);
    assertThat(Placement.check(r, new Candidate(a2, BIG), List.of(a1, a2, a3))).isEmpty();
  }

  @Test
  void resourcesAndPortsGiveReasonsAndConcreteResources() {
    Candidate small = new Candidate(a1, new Resources(0.5, 64, 0, 0, PortRanges.parse("[31000-31000]")));
    PlacementRequest r = new PlacementRequest(new Demand(1, 128, 10, 1, 2, List.of()), List.of(), List.of());
    assertThat(Placement.check(r, small)).containsExactly(RejectReason.InsufficientCpus, RejectReason.InsufficientMemory,
        RejectReason.InsufficientDisk, RejectReason.InsufficientGpus, RejectReason.InsufficientPorts);
    PlacementRequest fixed = new PlacementRequest(new Demand(1, 128, 0, 0, 1, List.of(31005L)), List.of(), List.of());
    PlacementResult.Placed p = (PlacementResult.Placed) Placement.place(fixed, List.of(new Candidate(a2, BIG)));
    assertThat(p.ports()).containsExactly(31005L, 31000L);
    assertThat(p.resources().ports().contains(31005)).isTrue();
    assertThat(p.resources().cpus()).isEqualTo(1.0);
    PlacementRequest taken = new PlacementRequest(new Demand(1, 128, 0, 0, 0, List.of(32000L)), List.of(), List.of());
    assertThat(Placement.check(taken, new Candidate(a2, BIG))).containsExactly(RejectReason.InsufficientPorts);
  }

  @Test
  void spreadsOverAgentsWithFewerInstances() {
    PlacementRequest r = req(List.of(), a1, a1, a2);
    assertThat(((PlacementResult.Placed) Placement.place(r, all())).agentId()).isEqualTo("a3");
  }
}
