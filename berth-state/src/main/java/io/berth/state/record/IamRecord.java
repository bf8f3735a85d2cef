package io.berth.state.record;

import com.fasterxml.jackson.annotation.JsonSubTypes;

/**
 * Changes to IAM's users, groups, service accounts and permissions. Its records are listed in {@code @JsonSubTypes} here (each with a unique name) and
 * applied by {@link io.berth.state.iam.IamImage#apply}. Not sealed yet so that its records can live next to
 * their image in {@code io.berth.state.iam}.
 */
@JsonSubTypes({})
public non-sealed interface IamRecord extends ChangeRecord {}
