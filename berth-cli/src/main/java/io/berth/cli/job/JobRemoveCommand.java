package io.berth.cli.job;

import io.berth.cli.CliCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth job remove <id>}. */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a job (with --stop-current-job-runs also when it runs).",
    footerHeading = "%nExample:%n", footer = "  berth job remove hello.job --stop-current-job-runs")
public final class JobRemoveCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "JOB", description = "The job's id.")
  String job;

  @Option(names = "--stop-current-job-runs", description = "Stop the job's active runs first.")
  boolean stopRuns;

  @Override
  protected void execute() {
    session().metronome().removeJob(job, stopRuns);
    out().println("Removed job " + job);
  }
}
