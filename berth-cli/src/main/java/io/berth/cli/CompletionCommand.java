package io.berth.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth completion bash|zsh}: the shell completion script of every command, generated from the command tree. */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a completion script for bash or zsh.",
        "Load it in the current shell with  source <(berth completion bash)  or, in zsh,  source <(berth completion zsh)"},
    footerHeading = "%nExample:%n", footer = "  berth completion bash > /etc/bash_completion.d/berth")
public final class CompletionCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
  String shell;

  @Override
  protected void execute() {
    String script = AutoComplete.bash("berth", spec.root().commandLine());
    switch (shell) {
      case "bash" -> out().print(script);
      case "zsh" -> out().print("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script);
      default -> throw CliFailure.usage("unknown shell '" + shell + "': bash or zsh");
    }
  }
}
