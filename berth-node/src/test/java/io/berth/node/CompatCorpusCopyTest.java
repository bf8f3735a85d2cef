package io.berth.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The vendored corpus ({@code compat/}) is a byte-for-byte copy of the shared original, when that is present. */
class CompatCorpusCopyTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  @Test
  void theVendoredCorpusIsIdenticalToTheSharedOriginal() throws IOException {
    Path original = REPO.resolveSibling("shared").resolve("compat");
    Assumptions.assumeTrue(Files.isDirectory(original), "no shared corpus next to this checkout");
    Path copy = REPO.resolve("compat");
    List<Path> files = files(original);
    assertThat(files).isNotEmpty();
    assertThat(files(copy).stream().filter(p -> !p.toString().equals("VENDORED.md")).toList())
        .containsExactlyInAnyOrderElementsOf(files);
    for (Path file : files) {
      assertThat(Files.mismatch(original.resolve(file), copy.resolve(file))).as(file.toString()).isEqualTo(-1L);
    }
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(root::relativize).toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
