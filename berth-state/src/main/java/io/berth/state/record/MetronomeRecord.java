package io.berth.state.record;

import com.fasterxml.jackson.annotation.JsonSubTypes;

/**
 * Changes to Metronome's jobs, schedules and runs. Its records are listed in {@code @JsonSubTypes} here (each with a unique name) and
 * applied by {@link io.berth.state.jobs.JobsImage#apply}. Not sealed yet so that its records can live next to
 * their image in {@code io.berth.state.jobs}.
 */
@JsonSubTypes({})
public non-sealed interface MetronomeRecord extends ChangeRecord {}
