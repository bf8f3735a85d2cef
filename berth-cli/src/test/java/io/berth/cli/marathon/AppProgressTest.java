package io.berth.cli.marathon;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.common.json.Json;
import org.junit.jupiter.api.Test;

class AppProgressTest {
  @Test
  void healthCheckedAppsCountHealthyInstancesOthersRunningOnes() {
    AppProgress checked = AppProgress.of(Json.tree(("{\"id\":\"/web\",\"instances\":3,\"tasksRunning\":3,\"tasksHealthy\":1,"
        + "\"healthChecks\":[{\"protocol\":\"HTTP\"}]}").getBytes()));
    assertThat(checked.atTarget()).isFalse();
    assertThat(checked.line(true)).satisfies(l -> {
      assertThat(l.done()).isEqualTo(1);
      assertThat(l.status()).isEqualTo("3/3 running, 1/3 healthy");
    });
    AppProgress plain = AppProgress.of(Json.tree("{\"id\":\"/w\",\"instances\":2,\"tasksRunning\":2}".getBytes()));
    assertThat(plain.atTarget()).isTrue();
    assertThat(plain.line(false).status()).isEqualTo("2/2 running, done");
    AppProgress over = AppProgress.of(Json.tree("{\"id\":\"/w\",\"instances\":2,\"tasksRunning\":4}".getBytes()));
    assertThat(over.atTarget()).isFalse();
  }

  @Test
  void theLastTaskFailureIsOnePhrase() {
    assertThat(AppProgress.failure(Json.tree("{\"id\":\"/w\"}".getBytes()))).isNull();
    assertThat(AppProgress.failure(Json.tree(("{\"id\":\"/w\",\"lastTaskFailure\":{\"taskId\":\"t1\",\"state\":\"TASK_FAILED\","
        + "\"message\":\"exit 1\",\"timestamp\":\"2026-01-01T00:00:00.000Z\"}}").getBytes())))
        .isEqualTo("task t1 of /w TASK_FAILED: exit 1 at 2026-01-01T00:00:00.000Z");
  }
}
