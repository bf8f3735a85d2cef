package io.berth.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.common.json.Json;
import org.junit.jupiter.api.Test;

class NodeLogLineTest {
  @Test
  void everyLineOfAnEntryGetsItsTime() {
    var entry = Json.tree("{\"realtime_timestamp\": 1764135695123000, \"fields\": {\"MESSAGE\": \"first\\nsecond\"}}".getBytes());
    String printed = NodeLogCommand.line(entry);
    assertThat(printed.lines().toList()).hasSize(2)
        .allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d: (first|second)"));
    var single = Json.tree("{\"realtime_timestamp\": 1764135695123000, \"fields\": {\"MESSAGE\": \"only\"}}".getBytes());
    assertThat(NodeLogCommand.line(single)).endsWith(": only").doesNotContain("\n");
  }
}
