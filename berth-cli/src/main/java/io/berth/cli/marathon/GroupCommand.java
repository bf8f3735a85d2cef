package io.berth.cli.marathon;

import io.berth.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code berth marathon group ...}. */
@Command(name = "group", mixinStandardHelpOptions = true, description = "Marathon groups: apps deployed together.",
    subcommands = {GroupAddCommand.class, GroupListCommand.class, GroupShowCommand.class, GroupScaleCommand.class,
        GroupUpdateCommand.class, GroupRemoveCommand.class},
    footerHeading = "%nExample:%n", footer = "  berth marathon group list")
public final class GroupCommand extends NounCommand {}
