package io.berth.api.cluster;

import java.util.List;
import java.util.Map;

/**
 * What a task runs. With {@code shell} the {@code value} runs under {@code /bin/sh -c}; otherwise {@code value}
 * is the executable and {@code arguments} its argv (argv[0] included, as in Mesos).
 */
public record CommandInfo(
    boolean shell,
    String value,
    List<String> arguments,
    Map<String, String> environment,
    String user,
    List<FetchUri> uris) {

  public CommandInfo {
    arguments = arguments == null ? List.of() : List.copyOf(arguments);
    environment = environment == null ? Map.of() : Map.copyOf(environment);
    uris = uris == null ? List.of() : List.copyOf(uris);
  }

  public static CommandInfo shell(String command) {
    return new CommandInfo(true, command, List.of(), Map.of(), null, List.of());
  }

  /** An artifact fetched into the sandbox before the task starts. */
  public record FetchUri(String value, boolean extract, boolean executable, boolean cache, String outputFile) {}
}
