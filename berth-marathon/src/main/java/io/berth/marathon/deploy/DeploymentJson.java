package io.berth.marathon.deploy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.state.apps.StoredDeployment;
import java.util.List;
import java.util.Map;

/** The JSON of deployments: {@code /v2/deployments} entries, plans in events, dry-run answers. */
public final class DeploymentJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private DeploymentJson() {}

  /** An action with both {@code action} and {@code type} (old clients read {@code type}). */
  public static ObjectNode action(StoredDeployment.Action a) {
    ObjectNode o = F.objectNode().put("action", a.action()).put("type", a.action());
    if (a.app() != null) {
      o.put("app", a.app());
    }
    if (a.pod() != null) {
      o.put("pod", a.pod());
    }
    return o;
  }

  public static ArrayNode steps(List<StoredDeployment.Step> steps) {
    ArrayNode out = F.arrayNode();
    for (StoredDeployment.Step s : steps) {
      ArrayNode actions = F.arrayNode();
      s.actions().forEach(a -> actions.add(action(a)));
      out.add(F.objectNode().set("actions", actions));
    }
    return out;
  }

  /** The light plan of events: {@code {id, steps, version}}. */
  public static ObjectNode plan(StoredDeployment d) {
    ObjectNode o = F.objectNode().put("id", d.id());
    o.set("steps", steps(d.steps()));
    o.put("version", d.version());
    return o;
  }

  /** The actions of the current step, with readiness results per app. */
  public static ObjectNode currentStep(StoredDeployment d) {
    ArrayNode actions = F.arrayNode();
    if (d.currentStep() >= 1 && d.currentStep() <= d.steps().size()) {
      d.steps().get(d.currentStep() - 1).actions().forEach(a -> actions.add(action(a)));
    }
    return F.objectNode().set("actions", actions);
  }

  /** A {@code GET /v2/deployments} entry. */
  public static ObjectNode info(StoredDeployment d, Map<String, List<ObjectNode>> readiness) {
    ObjectNode o = F.objectNode().put("id", d.id()).put("version", d.version());
    ArrayNode apps = o.putArray("affectedApps");
    d.affectedApps().forEach(apps::add);
    ArrayNode pods = o.putArray("affectedPods");
    d.affectedPods().forEach(pods::add);
    o.set("steps", steps(d.steps()));
    ArrayNode current = o.putArray("currentActions");
    if (d.currentStep() >= 1 && d.currentStep() <= d.steps().size()) {
      for (StoredDeployment.Action a : d.steps().get(d.currentStep() - 1).actions()) {
        ObjectNode action = action(a);
        ArrayNode results = action.putArray("readinessCheckResults");
        readiness.getOrDefault(a.runSpecId(), List.of()).forEach(results::add);
        current.add(action);
      }
    }
    o.put("currentStep", d.currentStep());
    o.put("totalSteps", d.steps().size());
    return o;
  }
}
