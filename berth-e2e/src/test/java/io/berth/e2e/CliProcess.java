package io.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code berth} CLI run as users run it: {@code java -jar berth.jar <noun> <verb> ...} in its own process, with a
 * configuration folder of the test's own ({@code BERTH_CONFIG_DIR}), stdin from a string, stdout and stderr captured.
 */
final class CliProcess {
  /** What a command printed and how it exited. */
  record Result(int exit, String out, String err) {
    Result ok() {
      assertThat(exit).as("exit code of a command that should work; stderr: " + err + "; stdout: " + out).isZero();
      return this;
    }

    /** Failed with {@code code} and exactly one line on stderr. */
    Result fails(int code) {
      assertThat(exit).as("exit code; stdout: " + out + "; stderr: " + err).isEqualTo(code);
      assertThat(err.lines().toList()).as("stderr is one line").hasSize(1);
      assertThat(err).startsWith("berth: ");
      return this;
    }
  }

  final Path configDir;

  CliProcess(Path configDir) {
    this.configDir = configDir;
  }

  /**
   * The JDK AOT cache of the CLI's classes for this build of the jar (JEP 483/514): the first {@link #setup} of a test
   * run records it, later commands load their classes from it and start ~0.25 s sooner (hundreds of runs per class).
   */
  static final Path AOT_CACHE = aotCache();

  private static Path aotCache() {
    try {
      Path jar = BerthUp.jar();
      String build = Long.toHexString(Files.getLastModifiedTime(jar).toMillis()) + "-" + Long.toHexString(Files.size(jar));
      return Path.of("target", "cli-aot", "berth-" + build + ".aot").toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The command line that starts the CLI (JVM flags for a quick start; the AOT cache once it exists). */
  static List<String> command() {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--sun-misc-unsafe-memory-access=allow"));
    if (Files.isRegularFile(AOT_CACHE)) {
      // -Xlog:disable: the JVM's own notes (e.g. on a stale cache) must not mix into what the CLI prints.
      command.addAll(List.of("-XX:AOTCache=" + AOT_CACHE, "-Xlog:disable"));
    }
    command.addAll(List.of("-jar", BerthUp.jar().toString()));
    return command;
  }

  Result run(String... args) {
    return runWithInput(null, args);
  }

  Result runWithInput(String stdin, String... args) {
    return run(command(), stdin, args);
  }

  private Result run(List<String> command, String stdin, String... args) {
    try {
      Process p = start(command, args);
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      if (stdin != null) {
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      p.getOutputStream().close();
      String out = read(p.getInputStream());
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("berth " + String.join(" ", args) + " did not end within 180 s");
      }
      return new Result(p.exitValue(), out, err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Starts a command and leaves it running (for --follow); the caller reads and ends it. */
  Process start(String... args) throws IOException {
    return start(command(), args);
  }

  private Process start(List<String> jvm, String... args) throws IOException {
    List<String> command = new ArrayList<>(jvm);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("BERTH_CONFIG_DIR", configDir.toString());
    return builder.start();
  }

  /** A file with {@code content} in the config folder's parent, for commands that read files. */
  Path file(String name, String content) {
    try {
      return Files.writeString(Files.createDirectories(configDir.resolveSibling("files")).resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sets up {@code cluster} non-interactively as its superuser, as a user of {@code berth up} would. */
  Result setup(BerthUp cluster) {
    String[] args = {"cluster", "setup", cluster.cluster().path("gateway").asText(), "--username", "bootstrapuser",
        "--password-file", cluster.dir.resolve("admin-credentials").toString()};
    if (!Files.isRegularFile(AOT_CACHE)) {
      new CliProcess(configDir.resolveSibling("aot-training")).trainAotCache(args);
    }
    return run(args).ok();
  }

  /**
   * Runs {@code args} once with {@code -XX:AOTCacheOutput} (the JVM writes the cache of the classes it used at exit,
   * and says so on stdout: hence a scratch config folder, and the real command run again after).
   */
  private void trainAotCache(String... args) {
    try {
      Files.createDirectories(AOT_CACHE.getParent());
      Path partial = AOT_CACHE.resolveSibling(AOT_CACHE.getFileName() + ".partial");
      List<String> command = command();
      command.addAll(command.indexOf("-jar"), List.of("-XX:AOTCacheOutput=" + partial, "-Xlog:disable"));
      Result training = run(command, null, args).ok();
      if (Files.isRegularFile(partial)) {
        Files.move(partial, AOT_CACHE, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        try (var caches = Files.list(AOT_CACHE.getParent())) { // those of earlier builds of the jar (~35 MB each)
          for (Path stale : caches.filter(c -> !c.equals(AOT_CACHE)).toList()) {
            Files.deleteIfExists(stale);
          }
        }
      } else {
        // Only slower without it: the next setup tries again.
        System.err.println("no AOT cache was written: " + training.out() + training.err());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
