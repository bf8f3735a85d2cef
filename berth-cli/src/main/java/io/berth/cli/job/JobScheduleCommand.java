package io.berth.cli.job;

import io.berth.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code berth job schedule ...}. */
@Command(name = "schedule", mixinStandardHelpOptions = true, description = "A job's cron schedules.",
    subcommands = {JobScheduleAddCommand.class, JobScheduleShowCommand.class, JobScheduleUpdateCommand.class,
        JobScheduleRemoveCommand.class},
    footerHeading = "%nExample:%n", footer = "  berth job schedule show hello.job")
public final class JobScheduleCommand extends NounCommand {}
