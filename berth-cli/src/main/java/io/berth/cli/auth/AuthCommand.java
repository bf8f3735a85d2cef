package io.berth.cli.auth;

import io.berth.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code berth auth ...}. */
@Command(name = "auth", mixinStandardHelpOptions = true, description = "Log in to and out of the attached cluster.",
    subcommands = {AuthLoginCommand.class, AuthLogoutCommand.class},
    footerHeading = "%nExample:%n", footer = "  berth auth login --username bootstrapuser --password-file pw.txt")
public final class AuthCommand extends NounCommand {}
