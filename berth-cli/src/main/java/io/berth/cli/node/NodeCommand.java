package io.berth.cli.node;

import io.berth.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code berth node ...}. */
@Command(name = "node", mixinStandardHelpOptions = true, description = "The cluster's nodes.",
    subcommands = {NodeListCommand.class, NodeDetailsCommand.class, NodeLogCommand.class},
    footerHeading = "%nExample:%n", footer = "  berth node list")
public final class NodeCommand extends NounCommand {}
