package io.berth.cli.node;

import io.berth.cli.CliCommand;
import io.berth.cli.CliFailure;
import io.berth.client.ApiException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth node log}: a node's log through the DC/OS logs API. */
@Command(name = "log", mixinStandardHelpOptions = true,
    description = "Print the last lines of a node's log (the leading master's with --leader) through the logs API.",
    footerHeading = "%nExample:%n", footer = "  berth node log --leader --lines 50")
public final class NodeLogCommand extends CliCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "AGENT", description = "The agent's id.")
  String agent;

  @Option(names = "--leader", description = "The leading master's log.")
  boolean leader;

  @Option(names = "--lines", defaultValue = "10", description = "How many lines (default ${DEFAULT-VALUE}).")
  int lines;

  @Override
  protected void execute() {
    if (leader == (agent != null)) {
      throw CliFailure.usage("give an agent id, or --leader");
    }
    if (lines <= 0) {
      throw CliFailure.usage("--lines must be positive");
    }
    try {
      out().print(new String(session().mesos().nodeLogs(agent, lines), StandardCharsets.UTF_8));
    } catch (ApiException e) {
      if (e.status() == 502 || e.status() == 503 || e.status() == 404) {
        throw CliFailure.server("the logs API (/system/v1/.../logs) of " + (leader ? "the leading master" : "agent " + agent)
            + " is not served on this cluster (HTTP " + e.status() + "); task logs work: berth task log");
      }
      throw e;
    }
  }
}
