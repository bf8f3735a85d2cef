package io.berth.cli;

import io.berth.cli.auth.AuthCommand;
import io.berth.cli.cluster.ClusterCommand;
import io.berth.cli.config.ConfigCommand;
import io.berth.cli.dns.DnsCommand;
import io.berth.cli.job.JobCommand;
import io.berth.cli.marathon.AppCommand;
import io.berth.cli.marathon.MarathonCommand;
import io.berth.cli.node.NodeCommand;
import io.berth.cli.security.SecurityCommand;
import io.berth.cli.service.ServiceCommand;
import io.berth.cli.task.TaskCommand;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * The CLI's nouns ({@code berth cluster|auth|node|task|marathon|app|job|dns|service|security|config|completion}) and
 * how they join the executable's command tree: {@link #install} adds them to {@code berth}'s root command and makes a
 * usage error of theirs (or of the root, e.g. an unknown noun) exit 1 with one line (picocli's default is 2, which the
 * CLI keeps for server errors); the other roles ({@code master}, {@code agent}, {@code up}) keep picocli's handling.
 */
public final class BerthCli {
  private BerthCli() {}

  /** Every top-level noun of the CLI. */
  public static List<Class<?>> nouns() {
    return List.of(ClusterCommand.class, AuthCommand.class, NodeCommand.class, TaskCommand.class, MarathonCommand.class,
        AppCommand.class, JobCommand.class, DnsCommand.class, ServiceCommand.class, SecurityCommand.class, ConfigCommand.class, CompletionCommand.class);
  }

  /** Adds the nouns to {@code root} (the executable's {@code berth} command) and returns it. */
  public static CommandLine install(CommandLine root) {
    for (Class<?> noun : nouns()) {
      root.addSubcommand(noun);
      // Help as wide as the terminal, else 120 columns, so that examples stay on one line to copy.
      CommandLine added = root.getSubcommands().get(noun.getAnnotation(CommandLine.Command.class).name());
      added.setUsageHelpWidth(120);
      added.setUsageHelpAutoWidth(true);
    }
    CommandLine.IParameterExceptionHandler others = root.getParameterExceptionHandler();
    root.setParameterExceptionHandler((ex, args) -> {
      CommandLine failed = ex.getCommandLine();
      if (!isCli(failed) && failed.getParent() != null) {
        return others.handleParseException(ex, args);
      }
      PrintWriter err = failed.getErr();
      err.println("berth: " + ex.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
      err.println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
      err.flush();
      return CliFailure.USAGE;
    });
    return root;
  }

  private static boolean isCli(CommandLine command) {
    for (CommandLine c = command; c != null; c = c.getParent()) {
      if (nouns().contains(c.getCommandSpec().userObject().getClass())) {
        return true;
      }
    }
    return false;
  }
}
