package io.berth.cli.auth;

import io.berth.cli.CliCommand;
import io.berth.cli.Session;
import io.berth.cli.config.ClusterConfig;
import io.berth.cli.config.ClusterStore;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth auth login}: a new token for the attached cluster. */
@Command(name = "login", mixinStandardHelpOptions = true,
    description = "Log in to the attached cluster (asks on a terminal; --username and --password-file otherwise).",
    footerHeading = "%nExample:%n", footer = "  berth auth login --username bootstrapuser --password-file .berth/admin-credentials")
public final class AuthLoginCommand extends CliCommand {
  @Option(names = "--username", description = "The user to log in as.")
  String username;

  @Option(names = "--password-file", paramLabel = "FILE", description = "A file with the password.")
  Path passwordFile;

  @Override
  protected void execute() {
    ClusterStore store = store();
    ClusterConfig cluster = store.requireAttached();
    Login.Credentials credentials = Login.credentials(username, passwordFile, terminal());
    String token = Login.login(Session.anonymous(store, cluster), credentials);
    store.saveToken(cluster.id(), token);
    out().println("Logged in to cluster '" + cluster.name() + "' as " + credentials.uid() + ".");
  }
}
