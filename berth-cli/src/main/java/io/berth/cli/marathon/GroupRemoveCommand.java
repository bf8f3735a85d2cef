package io.berth.cli.marathon;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth marathon group remove <id>}: removes a group with all its apps. */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a group with all its apps and groups.",
    footerHeading = "%nExample:%n", footer = "  berth marathon group remove /shop --wait")
public final class GroupRemoveCommand extends DeployingCommand {
  @Parameters(index = "0", paramLabel = "GROUP", description = "The group's id.")
  String group;

  @Option(names = "--force", description = "Remove even while a deployment holds the group's apps.")
  boolean force;

  @Override
  protected void execute() {
    deployed(session().marathon().removeGroup(group, force), List.of());
  }
}
