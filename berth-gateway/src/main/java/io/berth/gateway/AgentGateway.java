package io.berth.gateway;

import io.berth.common.id.IdGenerator;
import io.berth.common.time.Ticker;
import io.berth.http.ReverseProxy;
import io.berth.state.image.ClusterImage;
import java.time.InstantSource;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway of an agent (Admin Router on port 61001): the agent route table of the spec — the node's logs, metrics,
 * health and checks services (503 while they are not built), version and metrics documents — plus
 * {@code /agent/<this agent's id>/<rest>} to the agent's own API, which is how the masters' gateway reaches an agent.
 * Every guarded route needs a valid token of the cluster (verified with the key {@link ClusterKeys} reads from the
 * leading master) and the route's permission, which agents, having no IAM image, ask the leading master's IAM about
 * ({@link RemotePolicy}): a user who reaches an agent's gateway directly has no more rights than through the masters.
 */
public final class AgentGateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AgentGateway.class);
  private final GatewayConfig config;
  private final GatewayRouter router;
  private final AccessLogger accessLog;
  private final IdGenerator ids;
  private final Ticker ticker;
  private volatile ReverseProxy proxy;

  /**
   * @param agentApiUrl where this agent's API answers
   * @param agentId this agent's id, null until the master gave it one
   * @param keys the cluster's key (started and closed by the caller, who may share it with the agent API)
   * @param policy who exists and may do what ({@link RemotePolicy} on agents)
   * @param agentToken the agent's own token for its API when the gateway authenticates nobody ({@code insecureDev}) and
   *     the API requires one; gives null otherwise
   */
  public AgentGateway(GatewayConfig config, String agentApiUrl, Supplier<String> agentId, ClusterKeys keys,
      Policy policy, Supplier<String> agentToken, InstantSource clock, Ticker ticker, IdGenerator ids) {
    this(config, agentApiUrl, Map.of(), agentId, keys, policy, agentToken, clock, ticker, ids);
  }

  /** As above, with the node's other components ({@code services}: e.g. {@link Component#LOGS}) besides its agent API. */
  public AgentGateway(GatewayConfig config, String agentApiUrl, Map<Component, Components.Endpoint> services,
      Supplier<String> agentId, ClusterKeys keys, Policy policy, Supplier<String> agentToken, InstantSource clock,
      Ticker ticker, IdGenerator ids) {
    this.config = config;
    this.ids = ids;
    this.accessLog = new AccessLogger(clock);
    this.ticker = ticker;
    Map<Component, Components.Endpoint> endpoints = new java.util.EnumMap<>(Component.class);
    endpoints.putAll(services);
    endpoints.put(Component.AGENT, new Components.Endpoint(agentApiUrl, null));
    this.router = new GatewayRouter(new GatewayRouter.Parts(config, true, () -> ClusterImage.EMPTY, keys::verifierNow,
        policy, new Components(endpoints, ticker, agentToken), null, null, () -> -1, clock, agentId), ticker);
  }

  /** Starts listening. */
  public AgentGateway start() {
    proxy = ReverseProxy.start(config.ip(), config.httpPort(), router, accessLog, ids, ticker);
    log.info("agent gateway on {}{}", proxy.url(), config.insecureDev() ? " WITHOUT AUTHENTICATION (--insecure-dev)" : "");
    return this;
  }

  public String url() {
    return proxy.url();
  }

  @Override
  public void close() {
    if (proxy != null) {
      proxy.close();
    }
    accessLog.close();
  }
}
