package io.berth.master.allocation;

import io.berth.api.cluster.Resources;
import io.berth.framework.Offer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Outstanding offers, refusal filters and suppressed frameworks of the leading master. In memory only: after a
 * failover every offer is gone, as in Mesos. Loop thread only. Times are monotonic nanos from the master's ticker.
 */
public final class OfferBook {
  private final Map<String, Outstanding> offers = new LinkedHashMap<>();
  private final List<Refusal> refusals = new ArrayList<>();
  private final Set<String> suppressed = new HashSet<>();

  private record Outstanding(Offer offer, long createdNanos) {}

  /** A framework refused these resources of this agent until {@code untilNanos}. */
  private record Refusal(String frameworkId, String agentId, Resources resources, long untilNanos) {}

  public void add(Offer offer, long nowNanos) {
    offers.put(offer.id(), new Outstanding(offer, nowNanos));
  }

  public Optional<Offer> get(String offerId) {
    return Optional.ofNullable(offers.get(offerId)).map(Outstanding::offer);
  }

  public Optional<Offer> remove(String offerId) {
    return Optional.ofNullable(offers.remove(offerId)).map(Outstanding::offer);
  }

  public List<Offer> all() {
    return offers.values().stream().map(Outstanding::offer).toList();
  }

  /** Removes and returns the offers matching the predicate (an agent lost, a framework gone). */
  public List<Offer> removeIf(java.util.function.Predicate<Offer> which) {
    List<Offer> removed = new ArrayList<>();
    for (Iterator<Outstanding> it = offers.values().iterator(); it.hasNext(); ) {
      Offer offer = it.next().offer();
      if (which.test(offer)) {
        removed.add(offer);
        it.remove();
      }
    }
    return removed;
  }

  /** Removes and returns offers older than {@code timeoutNanos}. */
  public List<Offer> expire(long nowNanos, long timeoutNanos) {
    List<Offer> expired = new ArrayList<>();
    for (Iterator<Outstanding> it = offers.values().iterator(); it.hasNext(); ) {
      Outstanding o = it.next();
      if (nowNanos - o.createdNanos() >= timeoutNanos) {
        expired.add(o.offer());
        it.remove();
      }
    }
    return expired;
  }

  /** The resources of an agent that are currently offered to someone. */
  public Resources offeredOn(String agentId) {
    Resources sum = Resources.NONE;
    for (Outstanding o : offers.values()) {
      if (o.offer().agentId().equals(agentId)) {
        sum = sum.plus(o.offer().resources());
      }
    }
    return sum;
  }

  public Resources offeredTo(String frameworkId) {
    Resources sum = Resources.NONE;
    for (Outstanding o : offers.values()) {
      if (o.offer().frameworkId().equals(frameworkId)) {
        sum = sum.plus(o.offer().resources());
      }
    }
    return sum;
  }

  public void refuse(String frameworkId, String agentId, Resources resources, double seconds, long nowNanos) {
    if (seconds > 0 && !resources.isEmpty()) {
      refusals.add(new Refusal(frameworkId, agentId, resources, nowNanos + (long) (seconds * 1e9)));
    }
  }

  /**
   * True when the framework refused (part of) these resources recently: as in Mesos, a filter holds while the
   * agent's free resources are contained in what was refused; when more becomes free, it is offered again.
   */
  public boolean filtered(String frameworkId, String agentId, Resources free, long nowNanos) {
    refusals.removeIf(r -> r.untilNanos() <= nowNanos);
    return refusals.stream().anyMatch(r -> r.frameworkId().equals(frameworkId) && r.agentId().equals(agentId)
        && r.resources().contains(free));
  }

  /** Revive: drops the framework's filters and ends its suppression. */
  public void revive(String frameworkId) {
    refusals.removeIf(r -> r.frameworkId().equals(frameworkId));
    suppressed.remove(frameworkId);
  }

  public void suppress(String frameworkId) {
    suppressed.add(frameworkId);
  }

  public boolean suppressed(String frameworkId) {
    return suppressed.contains(frameworkId);
  }

  /** Forgets everything about a framework (teardown, removal). */
  public void forget(String frameworkId) {
    refusals.removeIf(r -> r.frameworkId().equals(frameworkId));
    suppressed.remove(frameworkId);
    removeIf(o -> o.frameworkId().equals(frameworkId));
  }
}
