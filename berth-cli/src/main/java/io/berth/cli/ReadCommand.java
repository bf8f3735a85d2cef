package io.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Option;

/** A command that reads something: an aligned table (or text) by default, the API's own JSON with {@code --json}. */
public abstract class ReadCommand extends CliCommand {
  @Option(names = "--json", description = "Print the API's JSON instead of a table (for scripts).")
  protected boolean json;

  @Override
  protected final void execute() throws Exception {
    JsonNode data = fetch();
    if (json) {
      printJson(data);
    } else {
      out().print(render(data));
    }
  }

  /** What the API answered. */
  protected abstract JsonNode fetch() throws Exception;

  /** The text shown without {@code --json}: usually a {@link io.berth.cli.output.Table}. */
  protected abstract String render(JsonNode data);
}
