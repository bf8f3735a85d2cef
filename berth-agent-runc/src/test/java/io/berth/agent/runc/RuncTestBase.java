package io.berth.agent.runc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.berth.agent.runtime.ContainerState;
import io.berth.agent.runtime.ExitStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Real runc and conmon: skipped unless root with both installed; deletes every container it made. */
abstract class RuncTestBase {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path tempDir;
  RuncFixture fixture;
  RuncRuntime runtime;

  @BeforeEach
  void openRuntime() throws IOException {
    assumeTrue(RuncFixture.available(), "needs root, runc and conmon (" + RuncConfig.INSTALL_HINT + ")");
    fixture = new RuncFixture(tempDir);
    runtime = fixture.open();
  }

  @AfterEach
  void deleteEverything() {
    if (fixture != null) {
      fixture.cleanup();
      assertThat(fixture.runcContainers()).as("runc containers left").isEmpty();
      assertThat(fixture.conmons(Optional.empty())).as("conmon processes left").isEmpty();
      assertThat(fixture.gates()).as("spare monitors' gates left").isEmpty();
    }
  }

  static ExitStatus exitOf(CompletableFuture<ExitStatus> future) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError("no exit within " + TIMEOUT + ": " + e, e);
    }
  }

  static long awaitRunning(RuncRuntime runtime, String id) {
    ContainerState state =
        await().atMost(TIMEOUT).until(() -> runtime.state(id), s -> s instanceof ContainerState.Running);
    return ((ContainerState.Running) state).pid();
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Waits until the file has a line equal to {@code line} (the container wrote it). */
  static void awaitLine(Path file, String line) {
    await().atMost(TIMEOUT).until(() -> read(file).lines().anyMatch(line::equals));
  }

  /** Asserts that no trace of the container is left: runc container, conmon, bundle dir, exit file. */
  void assertNothingLeft(RuncRuntime runtime, String id) {
    assertThat(fixture.runcContainers()).doesNotContain(id);
    assertThat(fixture.conmons(Optional.of(id))).isEmpty();
    assertThat(runtime.dir(id).root()).doesNotExist();
    assertThat(runtime.exits().exitFile(id)).doesNotExist();
    assertThat(runtime.list()).doesNotContain(id);
    assertThat(runtime.state(id)).isInstanceOf(ContainerState.Unknown.class);
  }
}
