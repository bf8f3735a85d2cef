package io.berth.agent.runc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.agent.runtime.ContainerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runc's exec FIFO protocol, played by a shell as the container's init. */
class ExecFifoTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  @TempDir Path root;

  private Path fifo(String id) throws IOException, InterruptedException {
    Path fifo = Files.createDirectories(root.resolve(id)).resolve(ExecFifo.NAME);
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    return fifo;
  }

  @Test
  void releasesAnInitThatWaitsOnTheFifoAndRemovesIt() throws Exception {
    Path fifo = fifo("c1");
    Process init = new ProcessBuilder("/bin/sh", "-c", "printf 0 > " + fifo + " && echo released").start();

    assertThat(ExecFifo.release(root, "c1", TIMEOUT)).isTrue();

    assertThat(init.waitFor()).isZero();
    assertThat(new String(init.getInputStream().readAllBytes())).isEqualTo("released\n");
    assertThat(fifo).doesNotExist();
  }

  @Test
  void anInitThatNeverComesIsAnErrorAfterTheTimeout() throws Exception {
    Path fifo = fifo("c2");

    assertThatThrownBy(() -> ExecFifo.release(root, "c2", Duration.ofMillis(200)))
        .isInstanceOf(ContainerException.class)
        .hasMessageContaining("did not start");
    assertThat(fifo).as("left for runc delete").exists();
  }

  @Test
  void anInitThatClosesWithoutWritingWasStartedAlready() throws Exception {
    Path fifo = fifo("c3");
    Process init = new ProcessBuilder("/bin/sh", "-c", "exec 3> " + fifo + "; exec 3>&-").start();

    assertThatThrownBy(() -> ExecFifo.release(root, "c3", TIMEOUT))
        .isInstanceOf(ContainerException.class)
        .hasMessageContaining("already running");
    assertThat(init.waitFor()).isZero();
  }

  @Test
  void noFifoMeansRuncStartDecides() {
    assertThat(ExecFifo.release(root, "unknown", TIMEOUT)).isFalse();
  }
}
