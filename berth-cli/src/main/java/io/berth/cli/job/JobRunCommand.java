package io.berth.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.CliCommand;
import io.berth.cli.output.WaitLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth job run <id>}: starts a run now; --wait follows its phases to success or failure. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a job now; --wait follows the run's phases and exits 0 when it succeeded, 2 when it failed.",
    footerHeading = "%nExample:%n", footer = "  berth job run hello.job --wait")
public final class JobRunCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "JOB", description = "The job's id.")
  String job;

  @Option(names = "--wait", description = "Wait for the run to end, with progress.")
  boolean await;

  @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS",
      description = "With --wait: give up after this long (default ${DEFAULT-VALUE} s; the run goes on).")
  int timeoutSeconds;

  @Override
  protected void execute() {
    JsonNode run = session().metronome().startRun(job);
    String runId = run.path("id").asText();
    out().println("Started run " + runId + " of job " + job);
    out().flush();
    if (await) {
      new RunWait(session().metronome(), progress(), WaitLimits.of(timeoutSeconds, RunWait.POLL))
          .await(job, runId);
    }
  }
}
