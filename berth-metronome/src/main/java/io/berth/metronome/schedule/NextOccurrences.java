package io.berth.metronome.schedule;

import io.berth.state.jobs.Job;
import io.berth.state.jobs.ScheduleSpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link SchedulePlanner#nextOccurrence} remembered per schedule until its definition or state changes: the planning
 * pass asks for every schedule several times a second, and a cron search is not free. One owner thread.
 */
public final class NextOccurrences {
  private record Entry(ScheduleSpec spec, Job.ScheduleState state, Optional<Instant> next) {}

  private final Map<String, Entry> entries = new HashMap<>();

  public Optional<Instant> of(String jobId, ScheduleSpec spec, Job.ScheduleState state) {
    String key = jobId + "/" + spec.id();
    Entry e = entries.get(key);
    if (e == null || !e.spec().equals(spec) || !e.state().equals(state)) {
      e = new Entry(spec, state, SchedulePlanner.nextOccurrence(spec, state));
      if (entries.size() > 100_000) {
        entries.clear();
      }
      entries.put(key, e);
    }
    return e.next();
  }
}
