package io.berth.cli.dns;

import io.berth.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code berth dns ...}. */
@Command(name = "dns", mixinStandardHelpOptions = true, description = "The cluster's DNS.",
    subcommands = {DnsLookupCommand.class}, footerHeading = "%nExample:%n", footer = "  berth dns lookup leader.mesos")
public final class DnsCommand extends NounCommand {}
