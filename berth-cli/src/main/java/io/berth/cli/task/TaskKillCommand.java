package io.berth.cli.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.berth.cli.CliCommand;
import io.berth.cli.CliFailure;
import io.berth.cli.Session;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code berth task kill <task>...}: kills tasks through the framework that owns them (Marathon's {@code
 * /v2/tasks/delete}, Berth's launcher); Marathon starts replacements as it would for any killed task.
 */
@Command(name = "kill", mixinStandardHelpOptions = true,
    description = {"Kill tasks, through the framework that runs them.",
        "Marathon starts replacements (use 'berth marathon app kill --scale' to scale down); 'berth job kill' stops job runs."},
    footerHeading = "%nExample:%n", footer = "  berth task kill hello")
public final class TaskKillCommand extends CliCommand {
  @Parameters(arity = "1..*", paramLabel = "TASK", description = "Task ids (or unique parts of them).")
  List<String> tasks;

  @Override
  protected void execute() {
    Session session = session();
    ArrayNode all = TaskFinder.tasks(session.mesos().state(), false);
    for (String query : tasks) {
      JsonNode t = TaskFinder.one(all, query);
      String id = t.path("id").asText();
      switch (t.path("framework_name").asText()) {
        case "marathon" -> session.marathon().killTasks(List.of(id), false, false);
        case "berth-launcher" -> session.mesos().killLaunched(id);
        case "metronome" -> throw CliFailure.usage("task " + id + " belongs to a job run: stop the run with 'berth job kill "
            + label(t, "metronome.job") + " " + label(t, "metronome.run") + "'");
        default -> throw CliFailure.usage("task " + id + " belongs to the framework '" + t.path("framework_name").asText()
            + "', which kills its own tasks");
      }
      out().println("Killing task " + id);
    }
  }

  private static String label(JsonNode task, String key) {
    for (JsonNode l : task.path("labels").path("labels")) {
      if (l.path("key").asText().equals(key)) {
        return l.path("value").asText();
      }
    }
    return "<" + key.substring(key.indexOf('.') + 1) + ">";
  }
}
