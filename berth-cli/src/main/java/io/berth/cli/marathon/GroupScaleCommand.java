package io.berth.cli.marathon;

import io.berth.cli.CliFailure;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth marathon group scale <id> <factor>}: scales every app of a group by a factor. */
@Command(name = "scale", mixinStandardHelpOptions = true, description = "Scale every app in a group by a factor (2 doubles, 0.5 halves).",
    footerHeading = "%nExample:%n", footer = "  berth marathon group scale /shop 2 --wait")
public final class GroupScaleCommand extends DeployingCommand {
  @Parameters(index = "0", paramLabel = "GROUP", description = "The group's id.")
  String group;

  @Parameters(index = "1", paramLabel = "FACTOR", description = "The factor.")
  double factor;

  @Option(names = "--force", description = "Scale even while a deployment holds the group's apps.")
  boolean force;

  @Override
  protected void execute() {
    if (factor < 0 || Double.isNaN(factor) || Double.isInfinite(factor)) {
      throw CliFailure.usage("the scale factor must be a number >= 0");
    }
    deployed(session().marathon().scaleGroup(group, factor, force), List.of());
  }
}
