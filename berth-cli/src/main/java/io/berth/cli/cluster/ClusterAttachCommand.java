package io.berth.cli.cluster;

import io.berth.cli.CliCommand;
import io.berth.cli.config.ClusterConfig;
import io.berth.cli.config.ClusterStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth cluster attach <name>}: the cluster later commands talk to. */
@Command(name = "attach", mixinStandardHelpOptions = true, description = "Attach a cluster that is set up: later commands talk to it.",
    footerHeading = "%nExample:%n", footer = "  berth cluster attach 127.0.0.1:8443")
public final class ClusterAttachCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The cluster's name or id.")
  String nameOrId;

  @Override
  protected void execute() {
    ClusterStore store = store();
    ClusterConfig cluster = store.find(nameOrId);
    store.attach(cluster.id());
    out().println("Attached cluster '" + cluster.name() + "' (" + cluster.id() + ").");
  }
}
