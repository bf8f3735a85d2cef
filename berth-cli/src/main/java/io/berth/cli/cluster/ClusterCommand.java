package io.berth.cli.cluster;

import io.berth.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code berth cluster ...}. */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Set up, list, attach and remove clusters.",
    subcommands = {ClusterSetupCommand.class, ClusterListCommand.class, ClusterAttachCommand.class, ClusterRemoveCommand.class},
    footerHeading = "%nExample:%n", footer = "  berth cluster list")
public final class ClusterCommand extends NounCommand {}
