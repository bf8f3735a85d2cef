package io.berth.cli.security;

import io.berth.cli.CliCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth security org groups delete <gid>}. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a group.",
    footerHeading = "%nExample:%n", footer = "  berth security org groups delete ops")
public final class OrgGroupDeleteCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "GID", description = "The group's id.")
  String gid;

  @Override
  protected void execute() {
    session().iam().deleteGroup(gid);
    out().println("Deleted group " + gid);
  }
}
