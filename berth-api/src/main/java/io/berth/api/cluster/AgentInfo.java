package io.berth.api.cluster;

import java.util.Map;

/**
 * What an agent tells the master about itself. {@code url} is where its agent API answers
 * ({@code http://ip:port}); {@code id} is assigned by the master on first registration.
 */
public record AgentInfo(
    String id,
    String hostname,
    String ip,
    int port,
    Resources resources,
    Map<String, String> attributes,
    FaultDomain domain,
    String version) {

  public AgentInfo {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  public String url() {
    return "http://" + ip + ":" + port;
  }

  public AgentInfo withId(String newId) {
    return new AgentInfo(newId, hostname, ip, port, resources, attributes, domain, version);
  }
}
