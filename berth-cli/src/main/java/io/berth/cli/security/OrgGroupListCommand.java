package io.berth.cli.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.ReadCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth security org groups list [GID]}: the groups, or one group's members. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the groups, or with a group id its members.",
    footerHeading = "%nExample:%n", footer = "  berth security org groups list ops")
public final class OrgGroupListCommand extends ReadCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "GID", description = "A group whose members to list.")
  String gid;

  @Override
  protected JsonNode fetch() {
    return gid == null ? session().iam().groups() : session().iam().members(gid);
  }

  @Override
  protected String render(JsonNode answer) {
    return (gid == null ? IamTables.groups(answer) : IamTables.users(answer)).render();
  }
}
