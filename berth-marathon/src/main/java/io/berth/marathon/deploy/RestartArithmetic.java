package io.berth.marathon.deploy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Marathon's rolling-upgrade arithmetic (spec §4.11) as a pure decision for one moment of a RestartApplication:
 * given the target count, the strategy and the app's old and new instances, which old ones to kill now and how many
 * new ones to launch. Applied again on every change, it reproduces Marathon's sequence: kill what the minimum
 * healthy capacity allows (unhealthy first), start what the maximum over-capacity allows, and kill one more old
 * instance each time a new one becomes healthy and ready.
 */
public final class RestartArithmetic {
  private RestartArithmetic() {}

  /** An instance as the arithmetic sees it: healthy = running, passing health checks and ready. */
  public record Instance(String id, boolean healthy, long startedOrder) {}

  public record Decision(List<String> kill, int launch, boolean done) {}

  /**
   * @param target the new instance count N
   * @param oldActive old-version instances still running (not being killed)
   * @param newActive new-version instances launched and not terminal (not being killed)
   * @param oldDying old instances already being killed (they still take capacity)
   */
  public static Decision decide(int target, double minimumHealthCapacity, double maximumOverCapacity,
      List<Instance> oldActive, List<Instance> newActive, int oldDying) {
    int minHealthy = (int) Math.ceil(target * minimumHealthCapacity - 1e-9);
    int maxCapacity = (int) Math.floor(target * (1 + maximumOverCapacity) + 1e-9);
    if (minHealthy == maxCapacity && maxCapacity <= oldActive.size() + newActive.size()) {
      maxCapacity += 1;
    }
    List<String> kill = new ArrayList<>();
    long healthyNew = newActive.stream().filter(Instance::healthy).count();
    long healthyOld = oldActive.stream().filter(Instance::healthy).count();
    List<Instance> order = new ArrayList<>(oldActive);
    order.sort(Comparator.comparing(Instance::healthy).thenComparing(Comparator.comparingLong(Instance::startedOrder).reversed()));
    long healthy = healthyNew + healthyOld;
    for (Instance old : order) {
      if (!old.healthy()) {
        kill.add(old.id());
      } else if (healthy - 1 >= minHealthy) {
        kill.add(old.id());
        healthy--;
      }
    }
    int oldRemaining = oldActive.size() - kill.size();
    int occupying = oldRemaining + oldDying + kill.size() + newActive.size();
    // killed instances free capacity only when they are gone; count them until then
    int launch = Math.max(0, Math.min(target - newActive.size(), maxCapacity - occupying));
    if (launch == 0 && newActive.size() < target && oldActive.isEmpty() && oldDying == 0) {
      launch = target - newActive.size();
    }
    boolean done = oldActive.isEmpty() && oldDying == 0 && healthyNew >= target && newActive.size() <= target;
    return new Decision(kill, launch, done);
  }
}
