package io.berth.cli.marathon;

import io.berth.cli.Inputs;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth marathon group add [FILE]}: creates a group (with its apps and subgroups) from JSON. */
@Command(name = "add", mixinStandardHelpOptions = true, description = "Add a group (with its apps and groups) from JSON (a file, or stdin).",
    footerHeading = "%nExample:%n", footer = "  berth marathon group add shop.json --wait")
public final class GroupAddCommand extends DeployingCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The group's JSON (default: stdin).")
  Path file;

  @Override
  protected void execute() {
    deployed(session().marathon().createGroup(Inputs.json(file, System.in)), List.of());
  }
}
