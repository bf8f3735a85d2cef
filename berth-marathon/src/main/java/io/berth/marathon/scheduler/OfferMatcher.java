package io.berth.marathon.scheduler;

import io.berth.api.cluster.Resources;
import io.berth.marathon.model.AppSpec;
import io.berth.placement.AgentFacts;
import io.berth.placement.Candidate;
import io.berth.placement.Demand;
import io.berth.placement.Placement;
import io.berth.placement.PlacementRequest;
import io.berth.placement.PlacementResult;
import io.berth.placement.RejectReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure: fills one offer with as many waiting instances as fit (apps in queue order, at most a given number, so
 * that a burst spreads over the agents), through the placement module.
 * Returns the launches (with host ports in the app's declared order) and, per app that got none, why.
 */
public final class OfferMatcher {
  private OfferMatcher() {}

  /** An app with {@code count} instances waiting, and the agents its existing instances run on. */
  public record Want(AppSpec app, int count, List<AgentFacts> existing) {}

  public record Launch(AppSpec app, Resources resources, List<Long> ports) {}

  public record Match(List<Launch> launches, Map<String, List<RejectReason>> rejected) {}

  public static Match match(AgentFacts agent, Resources offered, List<Want> wants) {
    return match(agent, offered, wants, Integer.MAX_VALUE);
  }

  /** As {@link #match(AgentFacts, Resources, List)}, launching at most {@code maxLaunches} instances. */
  public static Match match(AgentFacts agent, Resources offered, List<Want> wants, int maxLaunches) {
    Resources free = offered;
    List<Launch> launches = new ArrayList<>();
    Map<String, List<RejectReason>> rejected = new LinkedHashMap<>();
    for (Want w : wants) {
      Demand demand = demand(w.app());
      PlacementRequest request = new PlacementRequest(demand, w.app().constraints(), w.existing());
      int left = w.count();
      while (left > 0 && launches.size() < maxLaunches) {
        Candidate c = new Candidate(agent, free);
        List<RejectReason> reasons = Placement.check(request, c);
        if (!reasons.isEmpty()) {
          if (left == w.count()) {
            rejected.put(w.app().id(), reasons);
          }
          break;
        }
        PlacementResult.Placed placed = Placement.take(demand, c).orElseThrow();
        launches.add(new Launch(w.app(), placed.resources(), declaredOrder(w.app(), placed.ports())));
        free = free.minus(placed.resources());
        request = request.placedOn(agent);
        left--;
      }
    }
    return new Match(launches, rejected);
  }

  /** The instance's demand: declared ports fixed with requirePorts (or a fixed host port), else any free port. */
  public static Demand demand(AppSpec app) {
    List<Long> fixed = new ArrayList<>();
    int any = 0;
    for (AppSpec.PortSpec p : app.ports()) {
      if (isFixed(app, p)) {
        fixed.add((long) p.port());
      } else {
        any++;
      }
    }
    return new Demand(app.cpus(), app.mem(), app.disk(), app.gpus(), any, fixed);
  }

  private static boolean isFixed(AppSpec app, AppSpec.PortSpec p) {
    boolean host = "host".equals(io.berth.marathon.model.AppNormalizer.networkMode(app.definition()));
    return host ? app.requirePorts() && p.port() != 0 : p.port() != 0;
  }

  /** Placement gives fixed ports first, then the others; this puts them back in the app's declared order. */
  static List<Long> declaredOrder(AppSpec app, List<Long> chosen) {
    int fixedCount = (int) app.ports().stream().filter(p -> isFixed(app, p)).count();
    List<Long> out = new ArrayList<>();
    int nextAny = fixedCount;
    int nextFixed = 0;
    for (AppSpec.PortSpec p : app.ports()) {
      out.add(isFixed(app, p) ? chosen.get(nextFixed++) : chosen.get(nextAny++));
    }
    return out;
  }
}
