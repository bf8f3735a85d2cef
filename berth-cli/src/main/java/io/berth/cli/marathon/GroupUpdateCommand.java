package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.Inputs;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth marathon group update <id> [key=value...]}. */
@Command(name = "update", mixinStandardHelpOptions = true,
    description = "Update a group from key=value properties or a JSON file (--file, or stdin).",
    footerHeading = "%nExample:%n", footer = "  berth marathon group update /shop --file shop.json --wait")
public final class GroupUpdateCommand extends DeployingCommand {
  @Parameters(index = "0", paramLabel = "GROUP", description = "The group's id.")
  String group;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "KEY=VALUE", description = "Fields to change.")
  List<String> properties;

  @Option(names = "--file", paramLabel = "FILE", description = "The group's JSON ('-' for stdin).")
  Path file;

  @Option(names = "--force", description = "Update even while a deployment holds the group's apps.")
  boolean force;

  @Override
  protected void execute() {
    JsonNode update = properties == null || properties.isEmpty() ? Inputs.json(file, System.in) : Inputs.properties(properties);
    deployed(session().marathon().updateGroup(group, update, force), List.of());
  }
}
