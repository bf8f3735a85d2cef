package io.berth.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.ReadCommand;
import picocli.CommandLine.Command;

/** {@code berth job list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the jobs with their status, schedules and last run.",
    footerHeading = "%nExample:%n", footer = "  berth job list --json")
public final class JobListCommand extends ReadCommand {
  @Override
  protected JsonNode fetch() {
    return session().metronome().jobs();
  }

  @Override
  protected String render(JsonNode jobs) {
    return JobTables.jobs(jobs).render();
  }
}
