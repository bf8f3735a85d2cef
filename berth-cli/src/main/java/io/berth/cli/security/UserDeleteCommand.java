package io.berth.cli.security;

import io.berth.cli.CliCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth security org users delete <uid>}. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a user.",
    footerHeading = "%nExample:%n", footer = "  berth security org users delete alice")
public final class UserDeleteCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "UID", description = "The user's id.")
  String uid;

  @Override
  protected void execute() {
    session().iam().deleteUser(uid);
    out().println("Deleted user " + uid);
  }
}
