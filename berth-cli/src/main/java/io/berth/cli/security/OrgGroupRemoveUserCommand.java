package io.berth.cli.security;

import io.berth.cli.CliCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth security org groups remove-user <gid> <uid>}. */
@Command(name = "remove-user", mixinStandardHelpOptions = true, description = "Remove a user from a group.",
    footerHeading = "%nExample:%n", footer = "  berth security org groups remove-user ops alice")
public final class OrgGroupRemoveUserCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "GID", description = "The group's id.")
  String gid;

  @Parameters(index = "1", paramLabel = "UID", description = "The user's id.")
  String uid;

  @Override
  protected void execute() {
    session().iam().removeMember(gid, uid);
    out().println("Removed " + uid + " from group " + gid);
  }
}
