package io.berth.cli.job;

import io.berth.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code berth job ...}. */
@Command(name = "job", mixinStandardHelpOptions = true, description = "Metronome jobs: run once, now or on a schedule.",
    subcommands = {JobAddCommand.class, JobListCommand.class, JobShowCommand.class, JobUpdateCommand.class,
        JobRemoveCommand.class, JobRunCommand.class, JobKillCommand.class, JobHistoryCommand.class, JobScheduleCommand.class},
    footerHeading = "%nExample:%n", footer = "  berth job run hello.job --wait")
public final class JobCommand extends NounCommand {}
