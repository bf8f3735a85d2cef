package io.berth.cli.config;

import io.berth.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code berth config ...}. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Show and change the attached cluster's settings.",
    subcommands = {ConfigShowCommand.class, ConfigSetCommand.class},
    footerHeading = "%nExample:%n", footer = "  berth config show")
public final class ConfigCommand extends NounCommand {}
