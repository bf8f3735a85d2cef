package io.berth.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.output.Table;

/** The tables of the cluster commands (pure). */
public final class ClusterTables {
  private ClusterTables() {}

  /** NAME ID ATTACHED LOGIN URL; the attached cluster is marked with {@code *}. */
  public static Table clusters(JsonNode clusters) {
    Table table = Table.of("NAME", "ID", "ATTACHED", "LOGIN", "URL");
    for (JsonNode c : clusters) {
      table.row(c.path("name").asText(), c.path("id").asText(), c.path("attached").asBoolean() ? "*" : "",
          c.path("loggedIn").asBoolean() ? "yes" : "no", c.path("url").asText());
    }
    return table;
  }
}
