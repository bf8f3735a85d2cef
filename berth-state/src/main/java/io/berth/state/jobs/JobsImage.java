package io.berth.state.jobs;

import io.berth.state.record.MetronomeRecord;

/** Metronome's jobs, schedules and runs in the cluster image. Immutable; {@link #apply} is pure. */
public record JobsImage() {
  public static final JobsImage EMPTY = new JobsImage();

  /** The image after one record. */
  public JobsImage apply(MetronomeRecord record) {
    throw new IllegalArgumentException("unknown Metronome record " + record);
  }
}
