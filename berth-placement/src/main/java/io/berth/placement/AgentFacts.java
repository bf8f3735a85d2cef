package io.berth.placement;

import io.berth.api.cluster.FaultDomain;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;

/**
 * What constraints can see of an agent: its id, hostname, attributes (text, scalar, range or set values as text)
 * and fault domain. Used both for candidates and for the agents of existing instances.
 */
public record AgentFacts(String agentId, String hostname, Map<String, String> attributes, FaultDomain domain) {
  public AgentFacts {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /** The value of a constraint field on this agent, normalised for comparison; empty if the agent lacks it. */
  public Optional<String> value(String field) {
    return switch (field) {
      case "hostname", "@hostname" -> Optional.ofNullable(hostname);
      case "@region" -> Optional.ofNullable(domain).map(FaultDomain::region);
      case "@zone" -> Optional.ofNullable(domain).map(FaultDomain::zone);
      default -> Optional.ofNullable(attributes.get(field)).map(AgentFacts::normalise);
    };
  }

  /**
   * Scalars are compared as Mesos formats them: up to 3 decimals, half-even, no trailing zeros ({@code 0.80} is
   * {@code 0.8}); anything else is compared as it is.
   */
  public static String normalise(String value) {
    String v = value.strip();
    if (!v.matches("-?[0-9]+(\\.[0-9]+)?")) {
      return v;
    }
    BigDecimal d = new BigDecimal(v).setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }
}
