package io.berth.metronome.run;

import io.berth.api.cluster.Resources;
import io.berth.framework.Offer;
import io.berth.placement.AgentFacts;
import io.berth.placement.Candidate;
import io.berth.placement.Constraint;
import io.berth.placement.Demand;
import io.berth.placement.Operator;
import io.berth.placement.Placement;
import io.berth.placement.PlacementRequest;
import io.berth.state.jobs.JobRun;
import io.berth.state.jobs.RunSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of the waiting runs one offer takes, in the order they wait: each needs its resources from what is left of
 * the offer and an agent that satisfies its placement constraints (evaluated by the placement module: IS, LIKE,
 * UNLIKE on attributes, {@code @hostname}, {@code @region}, {@code @zone}). Pure.
 */
public final class OfferMatcher {
  private OfferMatcher() {}

  public static List<JobRun> match(Offer offer, List<JobRun> waiting) {
    AgentFacts agent = new AgentFacts(offer.agentId(), offer.hostname(), offer.attributes(), offer.domain());
    Resources left = offer.resources();
    List<JobRun> taken = new ArrayList<>();
    for (JobRun run : waiting) {
      RunSpec spec = run.spec();
      PlacementRequest request = new PlacementRequest(new Demand(spec.cpus(), spec.mem(), spec.disk(), spec.gpus(), 0, List.of()),
          constraints(spec), List.of());
      if (Placement.check(request, new Candidate(agent, left)).isEmpty()) {
        taken.add(run);
        left = left.minus(RunTasks.demand(spec));
      }
    }
    return taken;
  }

  /** Metronome's object-form constraints as the placement module's (IS, LIKE, UNLIKE; EQ was stored as IS). */
  static List<Constraint> constraints(RunSpec spec) {
    return spec.placement().constraints().stream()
        .map(c -> new Constraint(c.attribute(), Operator.parse(c.operator()).orElseThrow(), c.value()))
        .toList();
  }
}
