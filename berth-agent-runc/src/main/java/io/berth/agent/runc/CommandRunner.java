package io.berth.agent.runc;

import io.berth.agent.runtime.ContainerException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a short-lived command (runc; conmon is started by {@link PosixSpawn}) with a clean environment, no standard input and a
 * deadline, and returns its exit code and output (stdout and stderr together).
 */
final class CommandRunner {
  /** What a command did. */
  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private CommandRunner() {}

  static Result run(List<String> command, Map<String, String> env, Duration timeout) {
    return run(command, env, null, timeout);
  }

  /** Runs {@code command} in {@code directory} (null: the JVM's working directory). */
  static Result run(List<String> command, Map<String, String> env, File directory, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(directory)
        .redirectErrorStream(true)
        .redirectInput(new File("/dev/null"));
    builder.environment().clear();
    builder.environment().put("PATH", OciSpecWriter.DEFAULT_PATH);
    builder.environment().putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new ContainerException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
    }
    InputStream out = process.getInputStream();
    CompletableFuture<String> output = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try (out) {
        output.complete(new String(out.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        output.complete("(output lost: " + e.getMessage() + ")");
      }
    });
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new ContainerException(
            String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
      }
      return new Result(process.exitValue(), output.get(timeout.toMillis(), TimeUnit.MILLISECONDS).strip());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new ContainerException("interrupted while running " + command.getFirst(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new ContainerException("cannot read the output of " + command.getFirst() + ": " + e, e);
    }
  }
}
