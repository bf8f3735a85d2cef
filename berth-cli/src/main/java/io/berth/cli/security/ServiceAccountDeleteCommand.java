package io.berth.cli.security;

import io.berth.cli.CliCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth security org service-accounts delete <uid>}. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a service account.",
    footerHeading = "%nExample:%n", footer = "  berth security org service-accounts delete ci")
public final class ServiceAccountDeleteCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "UID", description = "The service account's id.")
  String uid;

  @Override
  protected void execute() {
    session().iam().deleteUser(uid);
    out().println("Deleted service account " + uid);
  }
}
