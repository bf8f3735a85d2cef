package io.berth.master;

import io.berth.api.cluster.Resources;
import io.berth.framework.Offer;
import io.berth.framework.SchedulerEvent;
import io.berth.master.allocation.DrfAllocator;
import io.berth.state.image.Agent;
import io.berth.state.image.ClusterImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns free resources into offers: what each reachable agent has that no task uses and no offer holds goes to
 * the frameworks by {@link DrfAllocator}. Runs when something frees or wants resources, and periodically.
 */
final class Allocation {
  private final Term term;
  private boolean requested;

  Allocation(Term term) {
    this.term = term;
  }

  /** Asks for an allocation soon; several requests in one round give one allocation. */
  void request() {
    if (!requested) {
      requested = true;
      term.loop().execute(this::allocate);
    }
  }

  void allocate() {
    requested = false;
    ClusterImage image = term.loop().image();
    Map<String, Resources> used = image.usedByAgent();
    List<DrfAllocator.AgentSlot> slots = new ArrayList<>();
    Resources total = Resources.NONE;
    for (Agent agent : image.agents().values()) {
      if (!agent.reachable()) {
        continue;
      }
      total = total.plus(agent.info().resources());
      Resources free = agent.info().resources()
          .minus(used.getOrDefault(agent.id(), Resources.NONE))
          .minus(term.offers().offeredOn(agent.id()));
      slots.add(new DrfAllocator.AgentSlot(agent.id(), free));
    }
    List<DrfAllocator.Demand> demands = new ArrayList<>();
    Map<String, Resources> heldByFramework = image.usedByFramework();
    for (FrameworkSessions.Session session : term.sessions().connected().values()) {
      String id = session.frameworkId();
      if (term.offers().suppressed(id)) {
        continue;
      }
      Set<String> filtered = new HashSet<>();
      for (DrfAllocator.AgentSlot slot : slots) {
        if (term.offers().filtered(id, slot.agentId(), slot.free(), term.now())) {
          filtered.add(slot.agentId());
        }
      }
      Resources held = heldByFramework.getOrDefault(id, Resources.NONE).plus(term.offers().offeredTo(id));
      demands.add(new DrfAllocator.Demand(id, session.info().role(), held, filtered));
    }
    if (demands.isEmpty() || slots.isEmpty()) {
      return;
    }
    Map<String, List<Offer>> offersByFramework = new LinkedHashMap<>();
    for (DrfAllocator.Grant grant : DrfAllocator.allocate(total, slots, demands)) {
      Agent agent = image.agents().get(grant.agentId());
      Offer offer = new Offer(term.ids().next() + "-O", grant.frameworkId(), agent.id(), agent.info().hostname(),
          agent.info().url(), grant.resources(), agent.info().attributes(), agent.info().domain());
      term.offers().add(offer, term.now());
      offersByFramework.computeIfAbsent(grant.frameworkId(), k -> new ArrayList<>()).add(offer);
    }
    offersByFramework.forEach((framework, offers) ->
        term.sessions().send(framework, new SchedulerEvent.Offers(offers), term.now()));
  }

  /** Rescinds offers older than the offer timeout. */
  void expireOffers() {
    List<Offer> expired = term.offers().expire(term.now(), term.config().offerTimeout().toNanos());
    for (Offer offer : expired) {
      term.sessions().send(offer.frameworkId(), new SchedulerEvent.Rescind(offer.id()), term.now());
    }
    if (!expired.isEmpty()) {
      request();
    }
  }
}
