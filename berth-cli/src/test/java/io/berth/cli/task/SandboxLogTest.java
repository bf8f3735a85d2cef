package io.berth.cli.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SandboxLogTest {
  @Test
  void theLastLinesOfAText() {
    assertThat(SandboxLog.lastLines("a\nb\nc\n", 2)).isEqualTo("b\nc\n");
    assertThat(SandboxLog.lastLines("a\nb\nc", 2)).isEqualTo("b\nc");
    assertThat(SandboxLog.lastLines("a\nb\nc\n", 10)).isEqualTo("a\nb\nc\n");
    assertThat(SandboxLog.lastLines("only", 1)).isEqualTo("only");
    assertThat(SandboxLog.lastLines("", 3)).isEmpty();
  }
}
