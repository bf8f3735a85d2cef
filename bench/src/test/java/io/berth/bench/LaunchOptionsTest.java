package io.berth.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {
  @Test
  void defaults() {
    LaunchOptions options = LaunchOptions.parse(new String[] {"--master", "http://127.0.0.1:5050", "--work-dir", "/tmp/x"});
    assertThat(options.tasks()).isEqualTo(100);
    assertThat(options.warmup()).isEqualTo(200);
    assertThat(options.block()).isEqualTo(10);
    assertThat(options.command()).isEqualTo("sleep 0.2");
    assertThat(options.pause()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void flagsOverrideDefaults() {
    LaunchOptions options = LaunchOptions.parse(new String[] {"--master", "http://m", "--work-dir", "/tmp/x",
        "--tasks", "20", "--warmup", "0", "--block", "5", "--command", "true", "--pause-ms", "0"});
    assertThat(options.tasks()).isEqualTo(20);
    assertThat(options.warmup()).isZero();
    assertThat(options.block()).isEqualTo(5);
    assertThat(options.command()).isEqualTo("true");
    assertThat(options.pause()).isZero();
  }

  @Test
  void theMasterAndWorkDirAreNeeded() {
    assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--tasks", "3"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--master");
  }

  @Test
  void unknownFlagsAreRefused() {
    assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--master", "m", "--work-dir", "/x", "--fast", "1"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--fast");
  }
}
