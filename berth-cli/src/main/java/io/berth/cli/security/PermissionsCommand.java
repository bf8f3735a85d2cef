package io.berth.cli.security;

import io.berth.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code berth security org permissions ...}. */
@Command(name = "permissions", mixinStandardHelpOptions = true, description = "Users' permissions on resources (ACLs).",
    subcommands = {PermissionListCommand.class, PermissionGrantCommand.class, PermissionRevokeCommand.class},
    footerHeading = "%nExample:%n", footer = "  berth security org permissions list alice")
public final class PermissionsCommand extends NounCommand {}
