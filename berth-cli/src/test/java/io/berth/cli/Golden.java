package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden/}: the expected text of a rendering, compared byte for byte.
 * Run with {@code -Dberth.golden.update=true} to rewrite them after an intended layout change (and review the diff).
 */
public final class Golden {
  private Golden() {}

  public static void assertMatches(String name, String actual) throws IOException {
    if (Boolean.getBoolean("berth.golden.update")) {
      Path file = Path.of("src/test/resources/golden", name + ".txt");
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual);
      return;
    }
    try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name + ".txt")) {
      assertThat(in).as("golden file golden/" + name + ".txt").isNotNull();
      assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
