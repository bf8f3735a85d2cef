package io.berth.cli.task;

import io.berth.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code berth task ...}. */
@Command(name = "task", mixinStandardHelpOptions = true, description = "The tasks of every framework: list, logs, sandbox files, kill.",
    subcommands = {TaskListCommand.class, TaskLogCommand.class, TaskLsCommand.class, TaskKillCommand.class},
    footerHeading = "%nExample:%n", footer = "  berth task log --follow hello")
public final class TaskCommand extends NounCommand {}
