package io.berth.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.CliCommand;
import io.berth.cli.CliFailure;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth job kill <id> [RUN]|--all}: stops active runs. */
@Command(name = "kill", mixinStandardHelpOptions = true, description = "Stop a job's active run, or all of them with --all.",
    footerHeading = "%nExample:%n", footer = "  berth job kill hello.job --all")
public final class JobKillCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "JOB", description = "The job's id.")
  String job;

  @Parameters(index = "1", arity = "0..1", paramLabel = "RUN", description = "The run's id.")
  String run;

  @Option(names = "--all", description = "Stop every active run of the job.")
  boolean all;

  @Override
  protected void execute() {
    if (all == (run != null)) {
      throw CliFailure.usage("give a run id, or --all");
    }
    List<String> runs = new ArrayList<>();
    if (all) {
      for (JsonNode r : session().metronome().runs(job)) {
        runs.add(r.path("id").asText());
      }
    } else {
      runs.add(run);
    }
    for (String r : runs) {
      session().metronome().stopRun(job, r);
      out().println("Stopped run " + r + " of job " + job);
    }
    if (runs.isEmpty()) {
      out().println("Job " + job + " has no active run.");
    }
  }
}
