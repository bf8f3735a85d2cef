package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Every command of the tree: named by its class, with --help and an example, usage errors exit 1 with one line. */
class CommandTreeTest {
  @TempDir
  Path home;

  /** A stand-in for the executable's root command ({@code io.berth.node.Main}). */
  @Command(name = "berth", mixinStandardHelpOptions = true)
  static final class Root implements Runnable {
    @Override
    public void run() {}
  }

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    CommandLine cli = BerthCli.install(new CommandLine(new Root()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  static List<CommandLine> all(CommandLine c) {
    List<CommandLine> list = new ArrayList<>(List.of(c));
    c.getSubcommands().values().stream().distinct().forEach(s -> list.addAll(all(s)));
    return list;
  }

  @Test
  void everyCommandHasHelpWithAnExampleAndIsNamedNounVerbCommand() {
    CommandLine root = BerthCli.install(new CommandLine(new Root()));
    List<CommandLine> commands = all(root).stream().filter(c -> c != root).toList();
    assertThat(commands).hasSizeGreaterThan(80);
    for (CommandLine c : commands) {
      String name = c.getCommandSpec().qualifiedName();
      assertThat(c.getCommandSpec().userObject().getClass().getSimpleName()).as(name).endsWith("Command");
      StringWriter help = new StringWriter();
      c.usage(new PrintWriter(help));
      assertThat(help.toString()).as(name).contains("Example:").contains("  berth ").contains("--help");
      boolean leaf = c.getSubcommands().isEmpty();
      assertThat(c.getCommandSpec().userObject()).as(name).isInstanceOf(leaf ? CliCommand.class : NounCommand.class);
    }
  }

  @Test
  void helpExitsZero() {
    Run r = run("marathon", "app", "add", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage: berth marathon app add").contains("berth marathon app add web.json --wait");
    assertThat(run("app", "list", "--help").exit()).isZero();
  }

  @Test
  void usageErrorsExitOneWithOneLine() {
    Run unknown = run("app", "list", "--bogus");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).startsWith("berth: Unknown option: '--bogus'").contains("berth app list --help");
    Run missing = run("job", "run");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).startsWith("berth: Missing required parameter: 'JOB'");
    Run unknownNoun = run("apps", "list");
    assertThat(unknownNoun.exit()).isEqualTo(1);
    assertThat(unknownNoun.err()).startsWith("berth: Unmatched arguments from index 0: 'apps', 'list'").contains("Did you mean");
    Run noVerb = run("marathon", "group");
    assertThat(noVerb.exit()).isEqualTo(1);
    assertThat(noVerb.err()).contains("'berth marathon group' needs a command");
  }

  @Test
  void withoutAClusterEveryClusterCommandSaysHowToSetOneUp() {
    for (String[] args : List.of(new String[] {"app", "list"}, new String[] {"node", "list", "--json"},
        new String[] {"job", "run", "x"}, new String[] {"auth", "login"}, new String[] {"config", "show"})) {
      List<String> all = new ArrayList<>(List.of(args));
      all.addAll(List.of("--config-dir", home.toString()));
      Run r = run(all.toArray(String[]::new));
      assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(1);
      assertThat(r.err()).isEqualTo("berth: no cluster is set up: run 'berth cluster setup <url>'\n");
      assertThat(r.out()).isEmpty();
    }
    Run list = run("cluster", "list", "--config-dir", home.toString());
    assertThat(list.exit()).isZero();
    assertThat(list.out()).isEqualTo("NAME  ID  ATTACHED  LOGIN  URL\n");
  }

  @Test
  void badInputIsRejectedBeforeAnyRequest() {
    Run setup = run("cluster", "setup", "http://127.0.0.1:8800", "--config-dir", home.toString());
    assertThat(setup.exit()).isEqualTo(1);
    assertThat(setup.err()).contains("is not the gateway's https:// URL");
    assertThat(run("completion", "fish").err()).isEqualTo("berth: unknown shell 'fish': bash or zsh\n");
  }

  @Test
  void theCompletionScriptsCoverTheWholeTree() {
    Run bash = run("completion", "bash");
    assertThat(bash.exit()).isZero();
    assertThat(bash.out()).contains("complete -F _complete_berth").contains("marathon").contains("service-accounts")
        .contains("--password-file");
    Run zsh = run("completion", "zsh");
    assertThat(zsh.out()).startsWith("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n")
        .contains("complete -F _complete_berth");
  }
}
