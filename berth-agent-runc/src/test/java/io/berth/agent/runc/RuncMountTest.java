package io.berth.agent.runc;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.agent.runtime.ContainerSpec;
import io.berth.agent.runtime.ExitStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A task group's volumes are bind mounts into the containers, with real runc. */
class RuncMountTest extends RuncTestBase {

  @Test
  void twoContainersShareAVolumeAndAReadOnlyMountCannotBeWritten() throws IOException {
    Path volume = Files.createDirectories(fixture.spec("volume-owner", List.of("true")).sandbox().resolve("volumes/shared"));
    String writer = RuncFixture.newId();
    ContainerSpec writes = withMounts(fixture.shell(writer, "echo hello > shared/index.html && echo written"),
        new ContainerSpec.Mount("shared", volume, "shared", false));
    runtime.start(writes);
    assertThat(exitOf(runtime.awaitExit(writer)).exitCode()).isZero();
    assertThat(volume.resolve("index.html")).hasContent("hello");

    String reader = RuncFixture.newId();
    ContainerSpec reads = withMounts(fixture.shell(reader,
            "cat /mnt/data/index.html; if touch /mnt/data/x 2>/dev/null; then echo rw; else echo ro; fi"),
        new ContainerSpec.Mount("shared", volume, "/mnt/data", true));
    runtime.start(reads);
    ExitStatus exit = exitOf(runtime.awaitExit(reader));

    assertThat(exit.exitCode()).isZero();
    assertThat(read(reads.stdout()).lines().toList()).containsExactly("hello", "ro");
    assertThat(volume.resolve("x")).doesNotExist();
  }

  private static ContainerSpec withMounts(ContainerSpec spec, ContainerSpec.Mount... mounts) {
    return new ContainerSpec(spec.id(), spec.sandbox(), spec.argv(), spec.env(), spec.limits(), spec.hostname(),
        List.of(mounts));
  }
}
