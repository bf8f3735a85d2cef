package io.berth.cli.security;

import io.berth.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code berth security org service-accounts ...}. */
@Command(name = "service-accounts", mixinStandardHelpOptions = true, description = "Service accounts (log in with a key pair).",
    subcommands = {ServiceAccountListCommand.class, ServiceAccountCreateCommand.class, ServiceAccountDeleteCommand.class},
    footerHeading = "%nExample:%n", footer = "  berth security org service-accounts list")
public final class ServiceAccountsCommand extends NounCommand {}
