package io.berth.state.record;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.berth.state.jobs.JobRecord;

/**
 * Changes to Metronome's jobs, schedules and runs. Its records are listed in {@code @JsonSubTypes} here (each with a unique name) and
 * applied by {@link io.berth.state.jobs.JobsImage#apply}. Not sealed so that its records can live next to
 * their image in {@code io.berth.state.jobs}, where {@link JobRecord} is the sealed set of them.
 */
@JsonSubTypes({
    @JsonSubTypes.Type(value = JobRecord.JobCreated.class, name = "MetronomeJobCreated"),
    @JsonSubTypes.Type(value = JobRecord.JobUpdated.class, name = "MetronomeJobUpdated"),
    @JsonSubTypes.Type(value = JobRecord.JobDeleted.class, name = "MetronomeJobDeleted"),
    @JsonSubTypes.Type(value = JobRecord.RunCreated.class, name = "MetronomeRunCreated"),
    @JsonSubTypes.Type(value = JobRecord.RunActive.class, name = "MetronomeRunActive"),
    @JsonSubTypes.Type(value = JobRecord.RunFinished.class, name = "MetronomeRunFinished"),
    @JsonSubTypes.Type(value = JobRecord.OccurrenceSkipped.class, name = "MetronomeOccurrenceSkipped"),
})
public non-sealed interface MetronomeRecord extends ChangeRecord {}
