package io.berth.cli.security;

import io.berth.cli.CliCommand;
import io.berth.cli.CliFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth security org service-accounts create <uid> --public-key FILE}. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a service account with an RSA public key (PEM).",
    footerHeading = "%nExample:%n", footer = "  berth security org service-accounts create ci --public-key ci-public.pem")
public final class ServiceAccountCreateCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "UID", description = "The service account's id.")
  String uid;

  @Option(names = {"-p", "--public-key"}, required = true, paramLabel = "FILE", description = "The PEM public key.")
  Path publicKey;

  @Option(names = {"-d", "--description"}, description = "A description.")
  String description;

  @Override
  protected void execute() {
    String pem;
    try {
      pem = Files.readString(publicKey);
    } catch (NoSuchFileException e) {
      throw CliFailure.usage("no such file: " + publicKey);
    } catch (IOException e) {
      throw CliFailure.usage("cannot read " + publicKey + ": " + e.getMessage());
    }
    session().iam().createUser(uid, description, null, pem);
    out().println("Created service account " + uid);
  }
}
