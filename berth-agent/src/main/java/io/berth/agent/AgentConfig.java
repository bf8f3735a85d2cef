package io.berth.agent;

import io.berth.api.cluster.FaultDomain;
import io.berth.api.cluster.Resources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The agent's configuration. Start from {@link #defaults(Path)} and change what differs with the {@code with*}
 * methods; {@code null}s given to the constructor take the defaults below.
 *
 * @param hostname what the agent calls itself (default: {@code ip})
 * @param ip the address the agent API listens on and tasks see as {@code HOST} (default {@code 127.0.0.1})
 * @param port the agent API port (default {@value #DEFAULT_PORT}; 0 picks a free one)
 * @param workDir holds {@code checkpoint/} and {@code sandboxes/} (required)
 * @param resources what the agent offers (default: detected by {@link MachineResources#detect}); without ports
 *     it offers {@link MachineResources#DEFAULT_PORTS}
 * @param attributes Mesos attributes (default none)
 * @param domain fault domain (default none)
 * @param heartbeatInterval heartbeat period when the master does not say (default 1 s)
 * @param registrationBackoff retry delays for registration and status updates (default 200 ms doubling to 10 s)
 * @param defaultKillGracePeriod time between SIGTERM and SIGKILL when neither the kill request nor the task says
 *     (default 3 s)
 * @param masterRequestTimeout timeout of each request to the master (default 10 s)
 */
public record AgentConfig(
    String hostname,
    String ip,
    int port,
    Path workDir,
    Resources resources,
    Map<String, String> attributes,
    FaultDomain domain,
    Duration heartbeatInterval,
    Backoff registrationBackoff,
    Duration defaultKillGracePeriod,
    Duration masterRequestTimeout) {

  public static final int DEFAULT_PORT = 5051;
  public static final String DEFAULT_IP = "127.0.0.1";
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(1);
  public static final Backoff DEFAULT_BACKOFF = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));
  public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(3);
  public static final Duration DEFAULT_MASTER_TIMEOUT = Duration.ofSeconds(10);

  public AgentConfig {
    if (workDir == null) {
      throw new IllegalArgumentException("the agent needs a work dir");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    workDir = workDir.toAbsolutePath().normalize();
    ip = ip == null || ip.isBlank() ? DEFAULT_IP : ip;
    hostname = hostname == null || hostname.isBlank() ? ip : hostname;
    resources = resources == null ? MachineResources.detect(workDir) : resources.validated("agent resources");
    if (resources.ports().isEmpty()) {
      resources = resources.withPorts(MachineResources.DEFAULT_PORTS);
    }
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    heartbeatInterval = positive(heartbeatInterval, DEFAULT_HEARTBEAT, "heartbeatInterval");
    registrationBackoff = registrationBackoff == null ? DEFAULT_BACKOFF : registrationBackoff;
    defaultKillGracePeriod = defaultKillGracePeriod == null ? DEFAULT_KILL_GRACE : defaultKillGracePeriod;
    if (defaultKillGracePeriod.isNegative()) {
      throw new IllegalArgumentException("defaultKillGracePeriod must not be negative");
    }
    masterRequestTimeout = positive(masterRequestTimeout, DEFAULT_MASTER_TIMEOUT, "masterRequestTimeout");
  }

  /** All defaults, with this work dir. */
  public static AgentConfig defaults(Path workDir) {
    return new AgentConfig(null, DEFAULT_IP, DEFAULT_PORT, workDir, null, null, null, null, null, null, null);
  }

  public Path checkpointDir() {
    return workDir.resolve("checkpoint");
  }

  public Path sandboxesDir() {
    return workDir.resolve("sandboxes");
  }

  public AgentConfig withHostname(String value) {
    return new AgentConfig(value, ip, port, workDir, resources, attributes, domain, heartbeatInterval,
        registrationBackoff, defaultKillGracePeriod, masterRequestTimeout);
  }

  /** Changes the ip; the hostname follows it unless it was set to something else. */
  public AgentConfig withIp(String value) {
    String name = hostname.equals(ip) ? null : hostname;
    return new AgentConfig(name, value, port, workDir, resources, attributes, domain, heartbeatInterval,
        registrationBackoff, defaultKillGracePeriod, masterRequestTimeout);
  }

  public AgentConfig withPort(int value) {
    return new AgentConfig(hostname, ip, value, workDir, resources, attributes, domain, heartbeatInterval,
        registrationBackoff, defaultKillGracePeriod, masterRequestTimeout);
  }

  public AgentConfig withResources(Resources value) {
    return new AgentConfig(hostname, ip, port, workDir, value, attributes, domain, heartbeatInterval,
        registrationBackoff, defaultKillGracePeriod, masterRequestTimeout);
  }

  public AgentConfig withAttributes(Map<String, String> value) {
    return new AgentConfig(hostname, ip, port, workDir, resources, value, domain, heartbeatInterval,
        registrationBackoff, defaultKillGracePeriod, masterRequestTimeout);
  }

  public AgentConfig withDomain(FaultDomain value) {
    return new AgentConfig(hostname, ip, port, workDir, resources, attributes, value, heartbeatInterval,
        registrationBackoff, defaultKillGracePeriod, masterRequestTimeout);
  }

  public AgentConfig withHeartbeatInterval(Duration value) {
    return new AgentConfig(hostname, ip, port, workDir, resources, attributes, domain, value,
        registrationBackoff, defaultKillGracePeriod, masterRequestTimeout);
  }

  public AgentConfig withRegistrationBackoff(Backoff value) {
    return new AgentConfig(hostname, ip, port, workDir, resources, attributes, domain, heartbeatInterval,
        value, defaultKillGracePeriod, masterRequestTimeout);
  }

  public AgentConfig withDefaultKillGracePeriod(Duration value) {
    return new AgentConfig(hostname, ip, port, workDir, resources, attributes, domain, heartbeatInterval,
        registrationBackoff, value, masterRequestTimeout);
  }

  public AgentConfig withMasterRequestTimeout(Duration value) {
    return new AgentConfig(hostname, ip, port, workDir, resources, attributes, domain, heartbeatInterval,
        registrationBackoff, defaultKillGracePeriod, value);
  }

  private static Duration positive(Duration value, Duration fallback, String name) {
    Duration d = value == null ? fallback : value;
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
    return d;
  }
}
