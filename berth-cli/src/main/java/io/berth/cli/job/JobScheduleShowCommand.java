package io.berth.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.ReadCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth job schedule show <job>}. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a job's schedules.",
    footerHeading = "%nExample:%n", footer = "  berth job schedule show hello.job")
public final class JobScheduleShowCommand extends ReadCommand {
  @Parameters(index = "0", paramLabel = "JOB", description = "The job's id.")
  String job;

  @Override
  protected JsonNode fetch() {
    return session().metronome().schedules(job);
  }

  @Override
  protected String render(JsonNode schedules) {
    return JobTables.schedules(schedules).render();
  }
}
