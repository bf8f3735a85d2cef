package io.berth.master;

import java.time.Duration;

/**
 * Configuration of a master.
 *
 * @param hostname name reported to agents and frameworks
 * @param ip address the master API listens on
 * @param port master API port (default 5050)
 * @param agentUnreachableTimeout an agent without heartbeats this long becomes unreachable (default 15 s)
 * @param agentRemovalTimeout an unreachable agent is removed after this long; its tasks become TASK_GONE (default 10 min)
 * @param offerTimeout offers not used within this time are rescinded (default 10 s)
 * @param allocationInterval how often free resources are offered even without a trigger (default 1 s)
 * @param frameworkHeartbeatInterval heartbeat events on scheduler streams (default 15 s)
 * @param updateResendInterval unacknowledged status updates are sent again this often (default 10 s)
 * @param agentHeartbeatInterval how often agents are told to send heartbeats (default 1 s)
 */
public record MasterConfig(
    String hostname,
    String ip,
    int port,
    Duration agentUnreachableTimeout,
    Duration agentRemovalTimeout,
    Duration offerTimeout,
    Duration allocationInterval,
    Duration frameworkHeartbeatInterval,
    Duration updateResendInterval,
    Duration agentHeartbeatInterval) {

  public static MasterConfig defaults(String ip, int port) {
    return new MasterConfig(ip, ip, port, Duration.ofSeconds(15), Duration.ofMinutes(10), Duration.ofSeconds(10),
        Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(1));
  }

  /** The URL agents, frameworks and the other masters use to reach this master. */
  public String url() {
    return "http://" + ip + ":" + port;
  }
}
