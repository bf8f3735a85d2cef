package io.berth.agent.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskIdsTest {
  @ParameterizedTest
  @ValueSource(strings = {"web.1", "group_app.instance-2f1c._app.1", "job_20260101.abc", "a:b@c+d~e=f", "x"})
  void acceptsMarathonAndMetronomeIds(String id) {
    assertThat(TaskIds.check(id)).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "..", ".", "a/b", "/abs", "a..b", "a\\b", "a b", "a\nb", "ä"})
  void refusesIdsThatAreNotOneSafePathSegment(String id) {
    assertThatThrownBy(() -> TaskIds.check(id)).isInstanceOfSatisfying(BerthException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID));
  }
}
