package io.berth.bench.dns;

import io.berth.api.cluster.AgentInfo;
import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.FrameworkInfo;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import io.berth.state.image.ClusterImage;
import io.berth.state.record.AgentRecord;
import io.berth.state.record.ChangeRecord;
import io.berth.state.record.FrameworkRecord;
import io.berth.state.record.TaskRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated cluster for the DNS benchmark: {@code names} running tasks of a framework named {@code marathon}
 * spread over 100 agents, built from the same change records the master commits. {@link #names()} are the
 * {@code <task>.marathon.mesos} names and the agent address each resolves to.
 */
record BenchCluster(ClusterImage image, Map<String, String> names) {
  static final int AGENTS = 100;
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static BenchCluster of(int count) {
    List<ChangeRecord> records = new ArrayList<>();
    for (int a = 0; a < AGENTS; a++) {
      String ip = "10.1." + (a / 250) + "." + (a % 250 + 1);
      records.add(new AgentRecord.Registered(new AgentInfo("bench-S" + a, ip, ip, 5051,
          new Resources(64, 65536, 0, 0, PortRanges.parse("[31000-32000]")), Map.of(), null, "bench"), T0));
    }
    records.add(new FrameworkRecord.Registered(new FrameworkInfo("fw-marathon", "marathon", "root", "*", 3600, true, null,
        null, null, List.of()), T0));
    Map<String, String> names = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String agent = "bench-S" + (i % AGENTS);
      TaskInfo task = new TaskInfo("svc-" + i + ".bench", "svc-" + i, "fw-marathon", agent,
          new Resources(0.01, 1, 0, 0, PortRanges.NONE), new CommandInfo(true, "true", List.of(), Map.of(), null, List.of()),
          List.of(), Map.of(), 1);
      records.add(new TaskRecord.Launched(task, status(task, TaskState.TASK_STAGING, 0)));
      records.add(new TaskRecord.StatusUpdated(status(task, TaskState.TASK_RUNNING, 1)));
      int a = i % AGENTS;
      names.put("svc-" + i + ".marathon.mesos.", "10.1." + (a / 250) + "." + (a % 250 + 1));
    }
    return new BenchCluster(ClusterImage.EMPTY.apply(1, records), names);
  }

  private static TaskStatus status(TaskInfo task, TaskState state, int seq) {
    return new TaskStatus(task.id(), task.frameworkId(), task.agentId(), state, null, TaskStatus.Source.SOURCE_AGENT, null,
        T0.plusSeconds(seq), task.id() + "-" + seq, null, null, null);
  }
}
