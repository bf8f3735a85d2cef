package io.berth.cli.security;

import io.berth.cli.CliCommand;
import io.berth.cli.Inputs;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth security org users create <uid> --password-file FILE}. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a user with a password (read from a file).",
    footerHeading = "%nExample:%n", footer = "  berth security org users create alice --password-file alice.pw --description 'Alice'")
public final class UserCreateCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "UID", description = "The user's id.")
  String uid;

  @Option(names = "--password-file", required = true, paramLabel = "FILE", description = "A file with the password.")
  Path passwordFile;

  @Option(names = "--description", description = "A description.")
  String description;

  @Override
  protected void execute() {
    session().iam().createUser(uid, description, Inputs.secret(passwordFile).password(), null);
    out().println("Created user " + uid);
  }
}
