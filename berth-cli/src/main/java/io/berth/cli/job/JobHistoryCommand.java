package io.berth.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.ReadCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth job history <id>}: the job's active and finished runs. */
@Command(name = "history", mixinStandardHelpOptions = true, description = "Show a job's runs: active ones and the finished ones it keeps.",
    footerHeading = "%nExample:%n", footer = "  berth job history hello.job --failures")
public final class JobHistoryCommand extends ReadCommand {
  @Parameters(index = "0", paramLabel = "JOB", description = "The job's id.")
  String job;

  @Option(names = "--failures", description = "Only failed runs.")
  boolean failures;

  @Override
  protected JsonNode fetch() {
    return session().metronome().job(job);
  }

  @Override
  protected String render(JsonNode j) {
    return JobTables.history(j, failures).render();
  }
}
