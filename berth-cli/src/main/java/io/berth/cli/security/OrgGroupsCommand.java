package io.berth.cli.security;

import io.berth.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code berth security org groups ...}. */
@Command(name = "groups", mixinStandardHelpOptions = true, description = "Groups and their members.",
    subcommands = {OrgGroupListCommand.class, OrgGroupCreateCommand.class, OrgGroupDeleteCommand.class,
        OrgGroupAddUserCommand.class, OrgGroupRemoveUserCommand.class},
    footerHeading = "%nExample:%n", footer = "  berth security org groups list")
public final class OrgGroupsCommand extends NounCommand {}
