package io.berth.state.record;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A change to the cluster state. Every write is a command that yields change records; only replaying records
 * changes the {@link io.berth.state.image.ClusterImage}. Records carry their own timestamps, so replay never
 * reads a clock and gives the same image on every master.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = AgentRecord.Registered.class, name = "AgentRegistered"),
    @JsonSubTypes.Type(value = AgentRecord.Reregistered.class, name = "AgentReregistered"),
    @JsonSubTypes.Type(value = AgentRecord.Unreachable.class, name = "AgentUnreachable"),
    @JsonSubTypes.Type(value = AgentRecord.Removed.class, name = "AgentRemoved"),
    @JsonSubTypes.Type(value = FrameworkRecord.Registered.class, name = "FrameworkRegistered"),
    @JsonSubTypes.Type(value = FrameworkRecord.Removed.class, name = "FrameworkRemoved"),
    @JsonSubTypes.Type(value = TaskRecord.Launched.class, name = "TaskLaunched"),
    @JsonSubTypes.Type(value = TaskRecord.StatusUpdated.class, name = "TaskStatusUpdated"),
    @JsonSubTypes.Type(value = TaskRecord.StatusAcknowledged.class, name = "TaskStatusAcknowledged"),
    // Each of these lists its own records (Jackson collects subtypes recursively).
    @JsonSubTypes.Type(MarathonRecord.class),
    @JsonSubTypes.Type(MetronomeRecord.class),
    @JsonSubTypes.Type(IamRecord.class),
})
public sealed interface ChangeRecord
    permits AgentRecord, FrameworkRecord, TaskRecord, MarathonRecord, MetronomeRecord, IamRecord {}
