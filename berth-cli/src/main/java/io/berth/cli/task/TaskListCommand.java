package io.berth.cli.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.ReadCommand;
import io.berth.cli.node.MesosTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth task list [FILTER]}: the cluster's tasks, of every framework. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the tasks of every framework (running ones by default).",
    footerHeading = "%nExample:%n", footer = "  berth task list web --completed")
public final class TaskListCommand extends ReadCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "FILTER", description = "Only tasks whose id contains it or whose name is it.")
  String filter;

  @Option(names = {"--completed", "--all"}, description = "Include tasks that have ended.")
  boolean completed;

  @Override
  protected JsonNode fetch() {
    return TaskFinder.matching(TaskFinder.tasks(session().mesos().state(), completed), filter);
  }

  @Override
  protected String render(JsonNode tasks) {
    return MesosTables.tasks(tasks).render();
  }
}
