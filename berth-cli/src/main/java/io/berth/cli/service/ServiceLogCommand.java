package io.berth.cli.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.CliCommand;
import io.berth.cli.CliFailure;
import io.berth.cli.task.SandboxLog;
import io.berth.cli.task.TaskFinder;
import io.berth.client.ApiException;
import io.berth.client.MesosClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth service log <name>}: the output of a service's scheduler, which DC/OS services run as a Marathon app of
 * the service's name. The built-in services (marathon, metronome) run inside the master: their log is the master's.
 */
@Command(name = "log", mixinStandardHelpOptions = true,
    description = {"Print the last lines of a service's scheduler output (the Marathon app that runs it).",
        "--follow streams until Ctrl-C."},
    footerHeading = "%nExample:%n", footer = "  berth service log kafka --lines 50")
public final class ServiceLogCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "SERVICE", description = "The service's name.")
  String service;

  @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", defaultValue = "stdout", description = "stdout (default) or stderr.")
  String file;

  @Option(names = "--lines", defaultValue = "10", description = "How many lines to print first (default ${DEFAULT-VALUE}).")
  int lines;

  @Option(names = "--follow", description = "Keep printing, until Ctrl-C.")
  boolean follow;

  @Override
  protected void execute() {
    if (java.util.Set.of("marathon", "metronome", "berth-launcher").contains(service)) {
      throw CliFailure.usage("'" + service + "' runs inside the master: its log is the master's (berth node log --leader)");
    }
    JsonNode tasks;
    try {
      tasks = session().marathon().appTasks(service).path("tasks");
    } catch (ApiException e) {
      if (e.status() == 404) {
        throw CliFailure.usage("no service '" + service + "' runs as a Marathon app (berth service list shows the services)");
      }
      throw e;
    }
    if (tasks.isEmpty()) {
      throw CliFailure.usage("service '" + service + "' has no running scheduler task");
    }
    MesosClient mesos = session().mesos();
    String taskId = tasks.get(0).path("id").asText();
    JsonNode t = TaskFinder.one(TaskFinder.tasks(mesos.state(), true), taskId);
    String agent = t.path("slave_id").asText();
    SandboxLog log = new SandboxLog(mesos, agent, TaskFinder.sandbox(mesos.agentState(agent), taskId) + "/" + file);
    long size = log.size();
    out().print(log.tail(size, Math.max(lines, 0)));
    out().flush();
    if (follow) {
      log.follow(size, out());
    }
  }
}
