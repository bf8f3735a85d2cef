package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.node.MesosTables;
import io.berth.cli.output.Table;
import java.util.ArrayList;
import java.util.List;

/** The tables of the Marathon commands, from Marathon's JSON (pure). */
public final class MarathonTables {
  private static final int CMD_WIDTH = 40;

  private MarathonTables() {}

  /** ID MEM CPUS TASKS HEALTH DEPLOYMENT CMD, from {@code /v2/apps}'s {@code apps}. */
  public static Table apps(JsonNode apps) {
    Table table = Table.of("ID", "MEM", "CPUS", "TASKS", "HEALTH", "DEPLOYMENT", "CMD");
    for (JsonNode a : apps) {
      int instances = a.path("instances").asInt();
      boolean checked = !a.path("healthChecks").isEmpty();
      table.row(a.path("id").asText(), MesosTables.number(a.path("mem")), MesosTables.number(a.path("cpus")),
          a.path("tasksRunning").asInt() + "/" + instances,
          checked ? a.path("tasksHealthy").asInt() + "/" + instances : "---",
          a.path("deployments").isEmpty() ? "-" : "deploying",
          shorten(a.path("cmd").asText(a.path("container").path("docker").path("image").asText(""))));
    }
    return table;
  }

  /** ID APPS PODS, one row per group of the tree (depth first). */
  public static Table groups(JsonNode root) {
    Table table = Table.of("ID", "APPS", "PODS");
    List<JsonNode> pending = new ArrayList<>(List.of(root));
    while (!pending.isEmpty()) {
      JsonNode g = pending.removeFirst();
      table.row(g.path("id").asText(), g.path("apps").size(), g.path("pods").size());
      List<JsonNode> children = new ArrayList<>();
      g.path("groups").forEach(children::add);
      pending.addAll(0, children);
    }
    return table;
  }

  /** APP POD ACTION PROGRESS ID, one row per action of each deployment's current step. */
  public static Table deployments(JsonNode deployments) {
    Table table = Table.of("APP", "POD", "ACTION", "PROGRESS", "ID");
    for (JsonNode d : deployments) {
      String progress = d.path("currentStep").asInt() + "/" + d.path("totalSteps").asInt();
      if (d.path("currentActions").isEmpty()) {
        table.row("-", "-", "-", progress, d.path("id").asText());
      }
      for (JsonNode a : d.path("currentActions")) {
        table.row(a.path("app").asText("-"), a.path("pod").asText("-"), a.path("action").asText(), progress, d.path("id").asText());
      }
    }
    return table;
  }

  /** APP HEALTHY STARTED HOST ID, from {@code /v2/tasks}'s {@code tasks}. */
  public static Table tasks(JsonNode tasks) {
    Table table = Table.of("APP", "HEALTHY", "STARTED", "HOST", "ID");
    for (JsonNode t : tasks) {
      JsonNode results = t.path("healthCheckResults");
      String healthy = results.isEmpty() ? "---" : String.valueOf(allAlive(results));
      table.row(t.path("appId").asText(), healthy, t.path("startedAt").asText("-"), t.path("host").asText(), t.path("id").asText());
    }
    return table;
  }

  /** ID INSTANCES CONTAINERS VERSION, from {@code /v2/pods}. */
  public static Table pods(JsonNode pods) {
    Table table = Table.of("ID", "INSTANCES", "CONTAINERS", "VERSION");
    for (JsonNode p : pods) {
      table.row(p.path("id").asText(), p.path("scaling").path("instances").asInt(1), p.path("containers").size(),
          p.path("version").asText("-"));
    }
    return table;
  }

  /** VERSION, newest first. */
  public static Table versions(JsonNode versions) {
    Table table = Table.of("VERSION");
    versions.forEach(v -> table.row(v.asText()));
    return table;
  }

  private static boolean allAlive(JsonNode results) {
    for (JsonNode r : results) {
      if (!r.path("alive").asBoolean()) {
        return false;
      }
    }
    return true;
  }

  private static String shorten(String cmd) {
    String line = cmd.replaceAll("\\s+", " ").strip();
    return line.length() <= CMD_WIDTH ? line : line.substring(0, CMD_WIDTH - 3) + "...";
  }
}
