package io.berth.cli.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.output.Table;
import java.util.ArrayList;
import java.util.List;

/** The tables of the security commands, from the IAM API's JSON (pure). */
public final class IamTables {
  private IamTables() {}

  /** UID DESCRIPTION PROVIDER from {@code {"array": [users]}}. */
  public static Table users(JsonNode answer) {
    Table table = Table.of("UID", "DESCRIPTION", "PROVIDER");
    for (JsonNode u : answer.path("array")) {
      JsonNode user = u.has("user") ? u.get("user") : u;
      table.row(user.path("uid").asText(), user.path("description").asText(""), user.path("provider_type").asText("internal"));
    }
    return table;
  }

  /** GID DESCRIPTION. */
  public static Table groups(JsonNode answer) {
    Table table = Table.of("GID", "DESCRIPTION");
    for (JsonNode g : answer.path("array")) {
      table.row(g.path("gid").asText(), g.path("description").asText(""));
    }
    return table;
  }

  /** RID ACTIONS VIA: a user's direct permissions and those of its groups. */
  public static Table permissions(JsonNode answer) {
    Table table = Table.of("RID", "ACTIONS", "VIA");
    for (JsonNode p : answer.path("direct")) {
      table.row(p.path("rid").asText(), actions(p), "user");
    }
    for (JsonNode p : answer.path("groups")) {
      table.row(p.path("rid").asText(), actions(p), "group " + p.path("gid").asText());
    }
    return table;
  }

  private static String actions(JsonNode permission) {
    List<String> names = new ArrayList<>();
    permission.path("actions").forEach(a -> names.add(a.path("name").asText()));
    return String.join(",", names);
  }
}
