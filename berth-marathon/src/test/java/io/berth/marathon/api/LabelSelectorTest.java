package io.berth.marathon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.common.error.BerthException;
import io.berth.common.json.Json;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {
  final com.fasterxml.jackson.databind.JsonNode labels = Json.tree("{\"env\":\"prod\",\"tier\":\"web\",\"a b\":\"x\"}".getBytes());

  @Test
  void allFormsMatch() {
    assertThat(LabelSelector.parse("env").matches(labels)).isTrue();
    assertThat(LabelSelector.parse("env==prod,tier!=db").matches(labels)).isTrue();
    assertThat(LabelSelector.parse("env==dev").matches(labels)).isFalse();
    assertThat(LabelSelector.parse("tier in (web, api)").matches(labels)).isTrue();
    assertThat(LabelSelector.parse("tier notin (web)").matches(labels)).isFalse();
    assertThat(LabelSelector.parse("a\\ b==x").matches(labels)).isTrue();
    assertThat(LabelSelector.parse("").matches(labels)).isTrue();
    assertThatThrownBy(() -> LabelSelector.parse("env=?")).isInstanceOf(BerthException.class);
  }
}
