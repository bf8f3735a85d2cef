package io.berth.cli.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.cli.CliFailure;
import io.berth.cli.node.MesosTables;
import io.berth.common.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tasks as the master's state has them (pure), each with {@code host} and {@code framework_name} added, and finding the
 * one a user means by an id, a unique part of it, or a name.
 */
public final class TaskFinder {
  private TaskFinder() {}

  /** The tasks of every framework: active ones, and completed ones too when asked. */
  public static ArrayNode tasks(JsonNode state, boolean completed) {
    Map<String, JsonNode> agents = MesosTables.byId(state.path("slaves"));
    ArrayNode all = Json.mapper().createArrayNode();
    for (JsonNode f : state.path("frameworks")) {
      List<JsonNode> tasks = new ArrayList<>();
      f.path("tasks").forEach(tasks::add);
      f.path("unreachable_tasks").forEach(tasks::add);
      if (completed) {
        f.path("completed_tasks").forEach(tasks::add);
      }
      for (JsonNode t : tasks) {
        ObjectNode copy = t.deepCopy();
        JsonNode agent = agents.get(t.path("slave_id").asText());
        copy.put("host", agent == null ? "" : agent.path("hostname").asText());
        copy.put("framework_name", f.path("name").asText());
        all.add(copy);
      }
    }
    return all;
  }

  /** The tasks whose id or name contains {@code filter} (all when it is null). */
  public static ArrayNode matching(ArrayNode tasks, String filter) {
    ArrayNode out = Json.mapper().createArrayNode();
    for (JsonNode t : tasks) {
      if (filter == null || t.path("id").asText().contains(filter) || t.path("name").asText().equals(filter)) {
        out.add(t);
      }
    }
    return out;
  }

  /** The task whose id is exactly {@code query}, else every task that {@link #matching matches} it. */
  public static ArrayNode exactOrMatching(ArrayNode tasks, String query) {
    for (JsonNode t : tasks) {
      if (t.path("id").asText().equals(query)) {
        return Json.mapper().createArrayNode().add(t);
      }
    }
    return matching(tasks, query);
  }

  /** The one task {@code query} names: an exact id wins, else it must match exactly one task. */
  public static JsonNode one(ArrayNode tasks, String query) {
    for (JsonNode t : tasks) {
      if (t.path("id").asText().equals(query)) {
        return t;
      }
    }
    ArrayNode matches = matching(tasks, query);
    if (matches.isEmpty()) {
      throw CliFailure.usage("no task matches '" + query + "' (berth task list shows them)");
    }
    if (matches.size() > 1) {
      List<String> ids = new ArrayList<>();
      matches.forEach(t -> ids.add(t.path("id").asText()));
      throw CliFailure.usage(matches.size() + " tasks match '" + query + "', give more of the id: " + String.join(", ", ids));
    }
    return matches.get(0);
  }

  /** The sandbox directory of a task in its agent's state (a group's task: inside its executor's sandbox). */
  public static String sandbox(JsonNode agentState, String taskId) {
    for (String frameworks : List.of("frameworks", "completed_frameworks")) {
      for (JsonNode f : agentState.path(frameworks)) {
        for (String executors : List.of("executors", "completed_executors")) {
          for (JsonNode e : f.path(executors)) {
            if (e.path("id").asText().equals(taskId)) {
              return e.path("directory").asText();
            }
            // a task of a task group (a pod's container) has its sandbox in its executor's tasks/ directory
            for (String tasks : List.of("tasks", "completed_tasks")) {
              for (JsonNode t : e.path(tasks)) {
                if (t.path("id").asText().equals(taskId)) {
                  return e.path("directory").asText() + "/tasks/" + taskId;
                }
              }
            }
          }
        }
      }
    }
    throw CliFailure.usage("the agent of task " + taskId + " no longer has its sandbox");
  }
}
