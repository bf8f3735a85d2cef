package io.berth.state.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A job as Metronome stores it: id, description, labels, dependencies, at most one schedule, and what it runs. */
public record JobSpec(
    String id,
    String description,
    Map<String, String> labels,
    List<Dependency> dependencies,
    List<ScheduleSpec> schedules,
    RunSpec run) {

  public JobSpec {
    labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    schedules = schedules == null ? List.of() : List.copyOf(schedules);
  }

  public record Dependency(String id) {}

  public JobSpec withSchedules(List<ScheduleSpec> newSchedules) {
    return new JobSpec(id, description, labels, dependencies, newSchedules, run);
  }

  public JobSpec withId(String newId) {
    return new JobSpec(newId, description, labels, dependencies, schedules, run);
  }
}
