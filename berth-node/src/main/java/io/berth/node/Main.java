package io.berth.node;

import io.berth.common.error.BerthException;
import io.berth.node.up.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one executable: {@code berth master}, {@code berth agent}, {@code berth up}. */
@Command(name = "berth", mixinStandardHelpOptions = true, version = "berth 0.1.0",
    description = "Berth: an open datacenter operating system (DC/OS-compatible).",
    subcommands = {MasterCommand.class, AgentCommand.class, UpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    CommandLine cli = io.berth.cli.BerthCli.install(new CommandLine(new Main())); // + berth <noun> <verb>
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof BerthException b) {
        commandLine.getErr().println("berth: " + b.getMessage());
        return 1;
      }
      throw e;
    });
    System.exit(cli.execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
