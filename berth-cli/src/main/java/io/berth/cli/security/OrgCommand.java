package io.berth.cli.security;

import io.berth.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code berth security org ...}. */
@Command(name = "org", mixinStandardHelpOptions = true, description = "Users, groups, service accounts and permissions.",
    subcommands = {UsersCommand.class, OrgGroupsCommand.class, ServiceAccountsCommand.class, PermissionsCommand.class},
    footerHeading = "%nExample:%n", footer = "  berth security org users list")
public final class OrgCommand extends NounCommand {}
