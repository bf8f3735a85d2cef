package io.berth.cli.security;

import io.berth.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code berth security ...}. */
@Command(name = "security", mixinStandardHelpOptions = true, description = "Identity and access management.",
    subcommands = {OrgCommand.class}, footerHeading = "%nExample:%n", footer = "  berth security org users list")
public final class SecurityCommand extends NounCommand {}
