package io.berth.cli.config;

import io.berth.cli.CliCommand;
import io.berth.cli.CliFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth config set <key> <value>}: changes a setting of the attached cluster. */
@Command(name = "set", mixinStandardHelpOptions = true,
    description = {"Change a setting of the attached cluster.",
        "cluster.name (the name to attach it by) or core.timeout (seconds per request)."},
    footerHeading = "%nExample:%n", footer = "  berth config set core.timeout 60")
public final class ConfigSetCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "KEY", description = "cluster.name or core.timeout.")
  String key;

  @Parameters(index = "1", paramLabel = "VALUE")
  String value;

  @Override
  protected void execute() {
    ClusterStore store = store();
    ClusterConfig c = store.requireAttached();
    ClusterConfig changed = switch (key) {
      case "cluster.name" -> {
        if (value.isBlank()) {
          throw CliFailure.usage("cluster.name must not be empty");
        }
        yield c.withName(value);
      }
      case "core.timeout" -> {
        try {
          int seconds = Integer.parseInt(value);
          if (seconds <= 0 || seconds > 3600) {
            throw CliFailure.usage("core.timeout must be between 1 and 3600 seconds, not " + value);
          }
          yield c.withTimeout(seconds);
        } catch (NumberFormatException e) {
          throw CliFailure.usage("core.timeout must be a number of seconds, not '" + value + "'");
        }
      }
      default -> throw CliFailure.usage("'" + key + "' cannot be set; settable: cluster.name, core.timeout");
    };
    store.save(changed);
    out().println(key + " = " + value);
  }
}
