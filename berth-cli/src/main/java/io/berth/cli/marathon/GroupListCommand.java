package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.ReadCommand;
import picocli.CommandLine.Command;

/** {@code berth marathon group list}: the group tree, one row per group. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the groups (the whole tree).",
    footerHeading = "%nExample:%n", footer = "  berth marathon group list --json")
public final class GroupListCommand extends ReadCommand {
  @Override
  protected JsonNode fetch() {
    return session().marathon().groups();
  }

  @Override
  protected String render(JsonNode root) {
    return MarathonTables.groups(root).render();
  }
}
