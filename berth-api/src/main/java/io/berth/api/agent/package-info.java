/**
 * The internal protocol between agents and the leading master, JSON over HTTP.
 *
 * <p>Agent to master ({@code /internal/agents/...} on the master API): {@link RegisterAgent} (first and later
 * registrations, with the tasks the agent runs), heartbeats, and {@link StatusUpdates} answered with
 * {@link UpdatesAcknowledged} once the master has committed them. Master to agent ({@code /internal/...} on the
 * agent API): {@link LaunchTasks} and {@link KillTask}.
 */
package io.berth.api.agent;
