package io.berth.cli.service;

import io.berth.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code berth service ...}. */
@Command(name = "service", mixinStandardHelpOptions = true, description = "The services (frameworks) of the cluster.",
    subcommands = {ServiceListCommand.class, ServiceLogCommand.class},
    footerHeading = "%nExample:%n", footer = "  berth service list")
public final class ServiceCommand extends NounCommand {}
