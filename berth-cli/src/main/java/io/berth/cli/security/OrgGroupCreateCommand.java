package io.berth.cli.security;

import io.berth.cli.CliCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth security org groups create <gid>}. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a group.",
    footerHeading = "%nExample:%n", footer = "  berth security org groups create ops --description 'Operators'")
public final class OrgGroupCreateCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "GID", description = "The group's id.")
  String gid;

  @Option(names = "--description", description = "A description.")
  String description;

  @Override
  protected void execute() {
    session().iam().createGroup(gid, description);
    out().println("Created group " + gid);
  }
}
