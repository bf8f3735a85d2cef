package io.berth.cli.marathon;

import io.berth.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code berth marathon task ...}. */
@Command(name = "task", mixinStandardHelpOptions = true, description = "Marathon's tasks: list, show, stop, kill.",
    subcommands = {MarathonTaskListCommand.class, MarathonTaskShowCommand.class, MarathonTaskStopCommand.class,
        MarathonTaskKillCommand.class},
    footerHeading = "%nExample:%n", footer = "  berth marathon task list")
public final class MarathonTaskCommand extends NounCommand {}
