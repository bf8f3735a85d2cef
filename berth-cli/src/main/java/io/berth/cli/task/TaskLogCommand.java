package io.berth.cli.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.berth.cli.CliCommand;
import io.berth.cli.CliFailure;
import io.berth.client.MesosClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth task log <task> [stdout|stderr]}: the last lines of a task's output, and with --follow what follows. */
@Command(name = "log", mixinStandardHelpOptions = true,
    description = {"Print the last lines of a task's stdout (or stderr, or another sandbox file).",
        "Several matching tasks are printed one after the other; --follow streams one task's output until Ctrl-C."},
    footerHeading = "%nExample:%n", footer = "  berth task log --follow --lines 20 hello stderr")
public final class TaskLogCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "TASK", description = "The task's id or a unique part of it.")
  String task;

  @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", defaultValue = "stdout",
      description = "stdout (default), stderr, or a file in the sandbox.")
  String file;

  @Option(names = "--lines", defaultValue = "10", description = "How many lines to print first (default ${DEFAULT-VALUE}).")
  int lines;

  @Option(names = "--follow", description = "Keep printing what the task writes, until Ctrl-C.")
  boolean follow;

  @Option(names = "--completed", description = "Also look for tasks that have ended (on by default when no running task matches).")
  boolean completed;

  @Override
  protected void execute() {
    if (lines < 0) {
      throw CliFailure.usage("--lines must not be negative");
    }
    MesosClient mesos = session().mesos();
    JsonNode state = mesos.state();
    ArrayNode matches = TaskFinder.exactOrMatching(TaskFinder.tasks(state, completed), task);
    if (matches.isEmpty()) {
      matches = TaskFinder.exactOrMatching(TaskFinder.tasks(state, true), task);
    }
    if (matches.size() <= 1 || follow) {
      JsonNode t = matches.size() == 1 ? matches.get(0) : TaskFinder.one(matches, task);
      print(log(mesos, t), lines, follow);
      return;
    }
    // Several tasks match: each one's last lines under a header, as the DC/OS CLI prints them.
    for (JsonNode t : matches) {
      out().println("===> " + t.path("id").asText() + " <===");
      print(log(mesos, t), lines, false);
    }
  }

  private SandboxLog log(MesosClient mesos, JsonNode t) {
    String agent = t.path("slave_id").asText();
    String dir = TaskFinder.sandbox(mesos.agentState(agent), t.path("id").asText());
    return new SandboxLog(mesos, agent, dir + "/" + file.replaceAll("^/+", ""));
  }

  private void print(SandboxLog log, int n, boolean keepFollowing) {
    long size = log.size();
    if (n > 0) {
      out().print(log.tail(size, n));
      out().flush();
    }
    if (keepFollowing) {
      log.follow(size, out());
    }
  }
}
