package io.berth.agent.runc;

import io.berth.common.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.OptionalLong;

/**
 * The files of one container: the OCI bundle ({@code config.json}; its {@code root.path} names the shared
 * {@link SharedRootfs} skeleton, containers of earlier versions have their own {@code rootfs/} here) and what its monitor
 * leaves there ({@code runc.log}, {@code oom} created by conmon on an OOM event) and {@code exit.json}, the exit
 * status once Berth has read it; in {@code run}, on a tmpfs ({@link RunDir}), the pid files {@code conmon.pid} and
 * {@code container.pid} (written by {@code runc create}) and, while a spare monitor waits for its container, its
 * {@code gate}.
 */
record ContainerDir(Path root, Path run) {

  /** A bundle whose pid files, if any, live in it (containers of earlier versions; bundles of the benchmark). */
  ContainerDir(Path root) {
    this(root, root);
  }

  Path config() {
    return root.resolve("config.json");
  }

  Path rootfs() {
    return root.resolve("rootfs");
  }

  Path conmonPidFile() {
    return run.resolve("conmon.pid");
  }

  Path containerPidFile() {
    return run.resolve("container.pid");
  }

  /**
   * The FIFO through which a monitor started ahead of its container ({@link SpareMonitors}) learns where the
   * container's output goes; it exists from the monitor's start until conmon reported the created container, so a
   * directory that still has it belongs to a start that did not finish.
   */
  Path gate() {
    return run.resolve("gate");
  }

  Path runcLog() {
    return root.resolve("runc.log");
  }

  /** Created (empty) by conmon, in its working directory, when the memory cgroup reports an OOM event. */
  Path oomMarker() {
    return root.resolve("oom");
  }

  Path exitStatus() {
    return root.resolve("exit.json");
  }

  boolean exists() {
    return Files.isDirectory(root);
  }

  /** True when the container's pid 1 is {@code program} (its init), according to {@code config.json}. */
  boolean startedWith(Path program) {
    try {
      return Json.tree(Files.readAllBytes(config())).path("process").path("args").path(0).asText("")
          .equals(program.toString());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  OptionalLong conmonPid() {
    return readPid(conmonPidFile());
  }

  OptionalLong containerPid() {
    return readPid(containerPidFile());
  }

  /**
   * Deletes both directory trees without following symlinks (the rootfs holds {@code bin -> usr/bin} etc.): the pid
   * files first, so that no run dir outlives its bundle (a new container of the same name starts with none).
   */
  void delete() throws IOException {
    deleteTree(run);
    deleteTree(root);
  }

  /** Deletes a directory tree (if it exists) without following symlinks. */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) {
          throw e;
        }
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static OptionalLong readPid(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
      return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
