package io.berth.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.common.json.Json;
import org.junit.jupiter.api.Test;

class RunWaitTest {
  @Test
  void aFinishedRunsOutcomeIsInTheHistory() {
    var history = Json.tree("{\"successfulFinishedRuns\":[{\"id\":\"r1\"}],\"failedFinishedRuns\":[{\"id\":\"r2\"}]}".getBytes());
    assertThat(RunWait.outcome(history, "r1")).isEqualTo("SUCCESS");
    assertThat(RunWait.outcome(history, "r2")).isEqualTo("FAILED");
    assertThat(RunWait.outcome(history, "r3")).isEqualTo("UNKNOWN");
  }

  @Test
  void thePhasesFillTheBar() {
    assertThat(RunWait.line("j", "r", "INITIAL", "").done()).isZero();
    assertThat(RunWait.line("j", "r", "STARTING", "").done()).isEqualTo(1);
    assertThat(RunWait.line("j", "r", "ACTIVE", "task TASK_RUNNING")).satisfies(l -> {
      assertThat(l.done()).isEqualTo(2);
      assertThat(l.status()).isEqualTo("ACTIVE  task TASK_RUNNING");
    });
    assertThat(RunWait.line("j", "r", "SUCCESS", "").done()).isEqualTo(3);
    assertThat(RunWait.line("j", "r", "SUCCESS", "").target()).isEqualTo(3);
  }
}
