package io.berth.cli.auth;

import io.berth.cli.CliCommand;
import io.berth.cli.config.ClusterConfig;
import io.berth.cli.config.ClusterStore;
import picocli.CommandLine.Command;

/** {@code berth auth logout}: forgets the attached cluster's token. */
@Command(name = "logout", mixinStandardHelpOptions = true, description = "Log out of the attached cluster (forget its token).",
    footerHeading = "%nExample:%n", footer = "  berth auth logout")
public final class AuthLogoutCommand extends CliCommand {
  @Override
  protected void execute() {
    ClusterStore store = store();
    ClusterConfig cluster = store.requireAttached();
    store.removeToken(cluster.id());
    out().println("Logged out of cluster '" + cluster.name() + "'.");
  }
}
