package io.berth.api.agent;

/** The master asks an agent to kill a task: SIGTERM, then SIGKILL after {@code gracePeriodSeconds}. */
public record KillTask(String taskId, Double gracePeriodSeconds) {}
