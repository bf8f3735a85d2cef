package io.berth.cli.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.ReadCommand;
import io.berth.cli.output.Table;
import io.berth.client.MesosClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth task ls <task> [PATH]}: the files of a task's sandbox. */
@Command(name = "ls", mixinStandardHelpOptions = true, description = "List the files in a task's sandbox (or a folder of it).",
    footerHeading = "%nExample:%n", footer = "  berth task ls web.instance-1a2b --long")
public final class TaskLsCommand extends ReadCommand {
  @Parameters(index = "0", paramLabel = "TASK", description = "The task's id or a unique part of it.")
  String task;

  @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", description = "A folder inside the sandbox.")
  String path;

  @Option(names = {"-l", "--long"}, description = "Mode, owner, size and time of each file.")
  boolean long_;

  private String base;

  @Override
  protected JsonNode fetch() {
    MesosClient mesos = session().mesos();
    JsonNode t = TaskFinder.one(TaskFinder.tasks(mesos.state(), true), task);
    String agent = t.path("slave_id").asText();
    base = TaskFinder.sandbox(mesos.agentState(agent), t.path("id").asText());
    String dir = path == null || path.isBlank() ? base : base + "/" + path.replaceAll("^/+", "");
    return mesos.browse(agent, dir);
  }

  @Override
  protected String render(JsonNode entries) {
    if (!long_) {
      StringBuilder out = new StringBuilder();
      entries.forEach(e -> out.append(name(e)).append('\n'));
      return out.toString();
    }
    Table table = Table.of("MODE", "NLINK", "UID", "GID", "SIZE", "MTIME", "NAME");
    entries.forEach(e -> table.row(e.path("mode").asText(), e.path("nlink").asLong(), e.path("uid").asText(),
        e.path("gid").asText(), e.path("size").asLong(), java.time.Instant.ofEpochSecond(e.path("mtime").asLong()), name(e)));
    return table.render();
  }

  private static String name(JsonNode entry) {
    String p = entry.path("path").asText();
    return p.substring(p.lastIndexOf('/') + 1);
  }
}
