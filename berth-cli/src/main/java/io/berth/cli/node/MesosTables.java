package io.berth.cli.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.output.Table;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The tables of the node, task and service commands, from the Mesos master's JSON (pure). */
public final class MesosTables {
  private MesosTables() {}

  /** An agent's IP from its pid ({@code slave(1)@10.0.0.2:5051}). */
  public static String ip(JsonNode agent) {
    String pid = agent.path("pid").asText("");
    int at = pid.indexOf('@');
    int colon = pid.lastIndexOf(':');
    return at >= 0 && colon > at ? pid.substring(at + 1, colon) : "";
  }

  /** HOSTNAME IP ID TYPE REGION ZONE CPUS MEM: each agent with what its tasks use of it. */
  public static Table agents(JsonNode agents) {
    Table table = Table.of("HOSTNAME", "IP", "ID", "TYPE", "STATE", "REGION", "ZONE", "CPUS", "MEM");
    for (JsonNode a : agents) {
      JsonNode domain = a.path("domain").path("fault_domain");
      table.row(a.path("hostname").asText(), ip(a), a.path("id").asText(), "agent",
          a.path("active").asBoolean() ? "active" : "unreachable",
          domain.path("region").path("name").asText("-"), domain.path("zone").path("name").asText("-"),
          number(a.path("used_resources").path("cpus")) + "/" + number(a.path("resources").path("cpus")),
          number(a.path("used_resources").path("mem")) + "/" + number(a.path("resources").path("mem")));
    }
    return table;
  }

  /** NAME HOST STATE ID FRAMEWORK, tasks as {@link TaskFinder} lists them. */
  public static Table tasks(JsonNode tasks) {
    Table table = Table.of("NAME", "HOST", "STATE", "ID", "FRAMEWORK");
    for (JsonNode t : tasks) {
      table.row(t.path("name").asText(), t.path("host").asText(""), t.path("state").asText(), t.path("id").asText(),
          t.path("framework_name").asText(t.path("framework_id").asText()));
    }
    return table;
  }

  /** NAME HOST ACTIVE TASKS CPU MEM DISK ID, one row per framework (service). */
  public static Table services(JsonNode frameworks) {
    Table table = Table.of("NAME", "HOST", "ACTIVE", "TASKS", "CPU", "MEM", "DISK", "ID");
    for (JsonNode f : frameworks) {
      JsonNode used = f.path("used_resources");
      table.row(f.path("name").asText(), f.path("hostname").asText(), f.path("active").asBoolean() ? "True" : "False",
          f.path("tasks").size(), number(used.path("cpus")), number(used.path("mem")), number(used.path("disk")),
          f.path("id").asText());
    }
    return table;
  }

  /** A number as users read it: no trailing {@code .0}, at most two decimals. */
  public static String number(JsonNode n) {
    double v = n.asDouble();
    if (v == Math.rint(v)) {
      return String.valueOf((long) v);
    }
    return String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "");
  }

  /** Agent id to the agent JSON. */
  public static Map<String, JsonNode> byId(JsonNode agents) {
    Map<String, JsonNode> map = new HashMap<>();
    agents.forEach(a -> map.put(a.path("id").asText(), a));
    return map;
  }
}
