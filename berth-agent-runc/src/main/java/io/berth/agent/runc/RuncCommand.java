package io.berth.agent.runc;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.agent.runc.CommandRunner.Result;
import io.berth.agent.runtime.ContainerException;
import io.berth.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** runc's command line, always with the runtime's own {@code --root} (so that nothing else sees our containers). */
final class RuncCommand {
  private static final Logger log = LoggerFactory.getLogger(RuncCommand.class);

  /** What {@code runc state} says: {@code created}, {@code running}, {@code paused} or {@code stopped}. */
  record State(String status, long pid) {
    boolean alive() {
      return !status.equals("stopped") && pid > 0;
    }
  }

  private final Path runc;
  private final Path root;
  private final Duration timeout;

  RuncCommand(Path runc, Path root, Duration timeout) {
    this.runc = runc;
    this.root = root;
    this.timeout = timeout;
  }

  Path root() {
    return root;
  }

  /** The global options conmon must pass to runc too. */
  List<String> globalArgs() {
    return List.of("--root", root.toString());
  }

  /** The command line of {@code runc exec} of {@code argv} in a running container. */
  List<String> execCommand(String id, List<String> argv) {
    List<String> command = new ArrayList<>(List.of(runc.toString(), "--root", root.toString(), "exec", id));
    command.addAll(argv);
    return command;
  }

  /** Runs the created container's process ({@code runc start}). */
  void start(String id) {
    Result result = run("start", id);
    if (!result.ok()) {
      throw new ContainerException("runc start " + id + " failed: " + message(result));
    }
  }

  /**
   * Sends a signal; {@code all} signals every process of the container's cgroup, otherwise only its pid 1.
   * Returns false when the container is not running (or not there).
   */
  boolean kill(String id, int signal, boolean all) {
    Result result = all ? run("kill", "--all", id, Integer.toString(signal)) : run("kill", id, Integer.toString(signal));
    if (result.ok()) {
      return true;
    }
    String text = message(result);
    if (text.contains("not running") || text.contains("does not exist")) {
      return false;
    }
    throw new ContainerException("runc kill " + id + " " + signal + " failed: " + text);
  }

  /** {@code runc delete --force}: kills what still runs, removes the cgroup and runc's state; idempotent. */
  void delete(String id) {
    Result result = run("delete", "--force", id);
    if (!result.ok() && !message(result).contains("does not exist")) {
      throw new ContainerException("runc delete " + id + " failed: " + message(result));
    }
  }

  Optional<State> state(String id) {
    Result result = run("state", id);
    if (!result.ok()) {
      return Optional.empty();
    }
    JsonNode node = Json.tree(result.output().getBytes(StandardCharsets.UTF_8));
    return Optional.of(new State(node.path("status").asText("unknown"), node.path("pid").asLong(0)));
  }

  /** Ids of all containers under our root. */
  List<String> list() {
    Result result = run("list", "--quiet");
    if (!result.ok()) {
      throw new ContainerException("runc list failed: " + message(result));
    }
    return result.output().isBlank() ? List.of() : Arrays.stream(result.output().split("\n")).map(String::strip)
        .filter(s -> !s.isEmpty()).toList();
  }

  private Result run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(runc.toString());
    command.addAll(globalArgs());
    command.addAll(List.of(args));
    Result result = CommandRunner.run(command, Map.of(), timeout);
    log.debug("{} -> {} {}", command, result.exitCode(), result.output());
    return result;
  }

  /** runc's error text without the logrus decoration ({@code time=... level=error msg="..."}). */
  static String message(Result result) {
    String out = result.output();
    int msg = out.lastIndexOf("msg=\"");
    if (msg >= 0) {
      int end = out.lastIndexOf('"');
      if (end > msg + 5) {
        return out.substring(msg + 5, end).replace("\\\"", "\"");
      }
    }
    return out.isBlank() ? "exit status " + result.exitCode() : out;
  }
}
