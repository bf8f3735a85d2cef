package io.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.config.ClusterStore;
import io.berth.cli.output.ProgressDisplay;
import io.berth.common.json.Json;
import io.berth.common.time.SystemTime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A leaf command of the CLI: runs {@link #execute()} and turns every failure into one line on stderr and the exit code
 * of {@link CliFailure} (0 on success). Holds what every command shares: the config folder, the session, output.
 */
public abstract class CliCommand implements Callable<Integer> {
  @Spec
  protected CommandSpec spec;

  @Option(names = "--config-dir", paramLabel = "DIR",
      description = "The CLI's configuration folder (default: $BERTH_CONFIG_DIR, else ~/.berth).")
  Path configDir;

  private Session session;

  @Override
  public final Integer call() {
    try {
      execute();
      out().flush();
      return 0;
    } catch (Exception e) {
      out().flush();
      CliFailure failure = Failures.of(e);
      err().println("berth: " + failure.getMessage());
      err().flush();
      return failure.exitCode();
    }
  }

  /** The command's work; throw {@link CliFailure} (or let client exceptions through) to fail. */
  protected abstract void execute() throws Exception;

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }

  protected ClusterStore store() {
    return new ClusterStore(ClusterStore.resolve(configDir, System.getenv(), System.getProperty("user.home")));
  }

  /** The attached cluster, logged in. */
  protected Session session() {
    if (session == null) {
      session = Session.attached(store(), SystemTime.wallClock().instant());
    }
    return session;
  }

  /** Whether stdout is a terminal (progress bars, prompts) or a pipe or file (plain lines). */
  protected static boolean terminal() {
    java.io.Console console = System.console();
    return console != null && console.isTerminal();
  }

  protected ProgressDisplay progress() {
    return new ProgressDisplay(out(), terminal());
  }

  protected void printJson(JsonNode json) {
    try {
      out().println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
