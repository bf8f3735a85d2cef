package io.berth.cli.security;

import io.berth.cli.CliCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth security org groups add-user <gid> <uid>}. */
@Command(name = "add-user", mixinStandardHelpOptions = true, description = "Add a user (or service account) to a group.",
    footerHeading = "%nExample:%n", footer = "  berth security org groups add-user ops alice")
public final class OrgGroupAddUserCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "GID", description = "The group's id.")
  String gid;

  @Parameters(index = "1", paramLabel = "UID", description = "The user's id.")
  String uid;

  @Override
  protected void execute() {
    session().iam().addMember(gid, uid);
    out().println("Added " + uid + " to group " + gid);
  }
}
