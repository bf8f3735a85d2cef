package io.berth.marathon.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.marathon.deploy.DeploymentJson;
import io.berth.marathon.events.EventBus;
import io.berth.state.StateWriter;
import io.berth.state.apps.AppsRecord;
import io.berth.state.apps.StoredDeployment;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Moves deployments on: records the next step (or the end) once the current one is done, exactly once per step
 * (the command checks the step it expects), and publishes {@code deployment_info}, {@code deployment_step_success}
 * and {@code deployment_success}.
 */
final class DeploymentStepper {
  private final InstantSource clock;
  private final EventBus events;
  private final StateWriter writer;
  private final Set<String> advancing = ConcurrentHashMap.newKeySet();

  DeploymentStepper(InstantSource clock, EventBus events, StateWriter writer) {
    this.clock = clock;
    this.events = events;
    this.writer = writer;
  }

  /** Records step {@code next} (1-based; past the last step: the deployment ended) of {@code d}. */
  void advance(StoredDeployment d, int next) {
    String key = d.id() + "@" + next;
    if (!advancing.add(key)) {
      return;
    }
    writer.write(img -> {
      StoredDeployment cur = img.apps().deployments().get(d.id());
      if (cur == null || cur.currentStep() != next - 1) {
        return StateWriter.Write.of(false);
      }
      return next > cur.steps().size()
          ? StateWriter.Write.of(true, new AppsRecord.DeploymentEnded(d.id(), true, null, clock.instant()))
          : StateWriter.Write.of(true, new AppsRecord.DeploymentAdvanced(d.id(), next));
    }).whenComplete((wrote, error) -> {
      if (error != null || !Boolean.TRUE.equals(wrote)) {
        advancing.remove(key);
        return;
      }
      if (next > 1) {
        ObjectNode e = events.payload("deployment_step_success");
        e.set("plan", DeploymentJson.plan(d));
        e.set("currentStep", DeploymentJson.currentStep(d.atStep(next - 1)));
        events.publish(e);
      }
      ObjectNode e = next > d.steps().size() ? events.payload("deployment_success").put("id", d.id())
          : events.payload("deployment_info");
      e.set("plan", DeploymentJson.plan(d));
      if (next <= d.steps().size()) {
        e.set("currentStep", DeploymentJson.currentStep(d.atStep(next)));
      }
      events.publish(e);
    });
  }
}
