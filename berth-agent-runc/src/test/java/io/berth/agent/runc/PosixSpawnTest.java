package io.berth.agent.runc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.agent.runtime.ContainerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child with the pipe as descriptor 3, appended stdout/stderr, nothing else inherited; its one-line report. */
class PosixSpawnTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  @TempDir Path temp;

  @Test
  void childWritesItsReportOnDescriptorThreeAndAppendsToItsFiles() throws IOException {
    Path out = Files.writeString(temp.resolve("out"), "before\n");
    Path err = temp.resolve("err");
    Path dir = Files.createDirectories(temp.resolve("work"));
    String script = "echo \"{\\\"data\\\": 42}\" >&$SYNC; echo out; echo err >&2; pwd; ls /proc/self/fd | sort -n"
        + " | tr '\\n' ' '; echo; read -r line; echo \"stdin=[$line]\"";

    PosixSpawn.Child child = PosixSpawn.spawn(List.of("/bin/sh", "-c", script),
        Map.of("PATH", OciSpecWriter.DEFAULT_PATH, "SYNC", "3"), dir, out, err, 3);
    Optional<String> line = SyncPipe.readLine(child.pipeReadFd(), TIMEOUT);
    OptionalInt exit = PosixSpawn.reap(child.pid(), true);

    assertThat(line).contains("{\"data\": 42}");
    assertThat(exit).hasValue(0);
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.subList(0, 3)).containsExactly("before", "out", dir.toString());
    assertThat(lines.get(3).trim()).as("0-2, the pipe, ls's own directory").isEqualTo("0 1 2 3 4");
    assertThat(lines.get(4)).isEqualTo("stdin=[]");
    assertThat(err).hasContent("err");
    assertThat(ProcessHandle.of(child.pid())).as("reaped").isEmpty();
  }

  @Test
  void aChildThatEndsWithoutAReportGivesAnEmptyLineAndItsExitCode() {
    PosixSpawn.Child child = PosixSpawn.spawn(List.of("/bin/sh", "-c", "exit 3"), Map.of(), temp,
        temp.resolve("out"), temp.resolve("err"), 3);

    assertThat(SyncPipe.readLine(child.pipeReadFd(), TIMEOUT)).contains("");
    assertThat(PosixSpawn.reap(child.pid(), true)).hasValue(3);
  }

  @Test
  void aChildThatReportsNothingInTimeGivesNoLine() {
    PosixSpawn.Child child = PosixSpawn.spawn(List.of("/bin/sh", "-c", "sleep 30"), Map.of(), temp,
        temp.resolve("out"), temp.resolve("err"), 3);
    try {
      assertThat(SyncPipe.readLine(child.pipeReadFd(), Duration.ofMillis(200))).isEmpty();
    } finally {
      ProcessHandle.of(child.pid()).ifPresent(ProcessHandle::destroyForcibly);
      PosixSpawn.reap(child.pid(), true);
    }
  }

  @Test
  void aProgramThatCannotRunIsAnError() {
    assertThatThrownBy(() -> PosixSpawn.spawn(List.of("/nonexistent/conmon"), Map.of(), temp,
        temp.resolve("out"), temp.resolve("err"), 3))
        .isInstanceOf(ContainerException.class)
        .hasMessageContaining("cannot run /nonexistent/conmon");
  }
}
