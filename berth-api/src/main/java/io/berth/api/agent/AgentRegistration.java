package io.berth.api.agent;

/** The master's answer to {@link RegisterAgent}: the agent's id and how often to send heartbeats. */
public record AgentRegistration(String agentId, String masterUrl, long heartbeatIntervalMillis) {}
