package io.berth.cli.job;

import io.berth.cli.CliCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth job schedule remove <job> <schedule>}. */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove one of a job's schedules.",
    footerHeading = "%nExample:%n", footer = "  berth job schedule remove hello.job every-5-minutes")
public final class JobScheduleRemoveCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "JOB", description = "The job's id.")
  String job;

  @Parameters(index = "1", paramLabel = "SCHEDULE", description = "The schedule's id.")
  String schedule;

  @Override
  protected void execute() {
    session().metronome().removeSchedule(job, schedule);
    out().println("Removed schedule " + schedule + " of job " + job);
  }
}
