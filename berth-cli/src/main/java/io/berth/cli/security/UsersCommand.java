package io.berth.cli.security;

import io.berth.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code berth security org users ...}. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Users.",
    subcommands = {UserListCommand.class, UserShowCommand.class, UserCreateCommand.class, UserDeleteCommand.class},
    footerHeading = "%nExample:%n", footer = "  berth security org users list")
public final class UsersCommand extends NounCommand {}
