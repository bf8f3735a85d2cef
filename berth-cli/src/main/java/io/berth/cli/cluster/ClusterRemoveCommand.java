package io.berth.cli.cluster;

import io.berth.cli.CliCommand;
import io.berth.cli.CliFailure;
import io.berth.cli.config.ClusterConfig;
import io.berth.cli.config.ClusterStore;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth cluster remove <name>|--all}: forgets clusters (their token and CA bundle). */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Forget a cluster: its login token, CA bundle and settings.",
    footerHeading = "%nExample:%n", footer = "  berth cluster remove 127.0.0.1:8443")
public final class ClusterRemoveCommand extends CliCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The cluster's name or id.")
  String nameOrId;

  @Option(names = "--all", description = "Forget every cluster.")
  boolean all;

  @Override
  protected void execute() {
    ClusterStore store = store();
    if (all == (nameOrId != null)) {
      throw CliFailure.usage("give a cluster name, or --all");
    }
    List<ClusterConfig> victims = all ? store.list() : List.of(store.find(nameOrId));
    for (ClusterConfig c : victims) {
      store.remove(c.id());
      out().println("Removed cluster '" + c.name() + "' (" + c.id() + ").");
    }
  }
}
