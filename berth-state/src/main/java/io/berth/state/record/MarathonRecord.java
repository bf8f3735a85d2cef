package io.berth.state.record;

import com.fasterxml.jackson.annotation.JsonSubTypes;

/**
 * Changes to Marathon's apps, pods, groups and deployments. Its records are listed in {@code @JsonSubTypes} here (each with a unique name) and
 * applied by {@link io.berth.state.apps.AppsImage#apply}. Not sealed yet so that its records can live next to
 * their image in {@code io.berth.state.apps}.
 */
@JsonSubTypes({@JsonSubTypes.Type(io.berth.state.apps.AppsRecord.class)})
public non-sealed interface MarathonRecord extends ChangeRecord {}
