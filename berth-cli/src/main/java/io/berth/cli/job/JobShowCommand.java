package io.berth.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.ReadCommand;
import io.berth.common.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth job show <id>}: a job with its schedules, active runs and history, as JSON. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a job (schedules, active runs, history) as JSON.",
    footerHeading = "%nExample:%n", footer = "  berth job show hello.job")
public final class JobShowCommand extends ReadCommand {
  @Parameters(index = "0", paramLabel = "JOB", description = "The job's id.")
  String job;

  @Override
  protected JsonNode fetch() {
    return session().metronome().job(job);
  }

  @Override
  protected String render(JsonNode j) {
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(j) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
