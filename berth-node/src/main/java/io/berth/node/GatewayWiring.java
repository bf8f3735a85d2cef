package io.berth.node;

import io.berth.agent.AgentModule;
import io.berth.common.id.IdGenerator;
import io.berth.common.time.SystemTime;
import io.berth.gateway.AgentGateway;
import io.berth.gateway.ClusterKeys;
import io.berth.gateway.Policy;
import io.berth.gateway.RemotePolicy;
import io.berth.gateway.Component;
import io.berth.gateway.Components;
import io.berth.gateway.GatewayConfig;
import io.berth.gateway.InternalAuth;
import io.berth.gateway.MasterGateway;
import io.berth.iam.IamConfig;
import io.berth.iam.IamService;
import io.berth.iam.ServiceAccountSecret;
import io.berth.iam.ServiceLogin;
import io.berth.logs.api.LogsApi;
import io.berth.master.MasterModule;
import io.berth.node.config.AgentNodeConfig;
import io.berth.node.config.MasterNodeConfig;
import io.berth.state.election.LeaderDetector;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the gateways (with IAM and the CA on masters) from the nodes' configuration: which component listens where,
 * and, behind the {@code internalAuth} switch, the authentication of the internal APIs.
 */
final class GatewayWiring {
  private static final Logger log = LoggerFactory.getLogger(GatewayWiring.class);

  private GatewayWiring() {}

  static MasterGateway master(MasterNodeConfig config, MasterModule master, IdGenerator ids) {
    String masterUrl = config.toMasterConfig().url();
    Map<Component, Components.Endpoint> endpoints = new EnumMap<>(Component.class);
    endpoints.put(Component.MESOS, new Components.Endpoint(masterUrl, null));
    endpoints.put(Component.LOGS, new Components.Endpoint(masterUrl + LogsApi.PREFIX, null));
    // Marathon (/v2), Metronome (/v1) and the Mesos-DNS API are probed: until they answer, their routes say 503.
    endpoints.put(Component.MARATHON, new Components.Endpoint(masterUrl, "/v2/info"));
    endpoints.put(Component.METRONOME, new Components.Endpoint(masterUrl, "/v1/jobs"));
    if (config.dnsHttpPort() > 0) {
      endpoints.put(Component.MESOS_DNS, new Components.Endpoint("http://" + config.ip() + ":" + config.dnsHttpPort(), "/v1/version"));
    }
    GatewayConfig gateway = new GatewayConfig(config.ip(), config.gatewayPort(), config.gatewayTlsPort(), true,
        config.insecureDev(), GatewayConfig.defaults(config.ip()).upstreamTimeout(), config.agentGatewayPort());
    MasterGateway made = new MasterGateway(gateway, IamConfig.defaults(), master, endpoints, config.adminCredentialsOrDefault(),
        null, SystemTime.wallClock(), SystemTime.ticker(), ids);
    if (config.internalAuth()) {
      ServiceAccountSecret agents = ServiceAccountSecret.readOrCreate(config.agentCredentialsOrDefault(),
          ServiceAccountSecret.AGENT_UID, masterUrl + "/acs/api/v1/auth/login");
      made.withInternalAuth(List.of(new IamService.ServiceAccount(agents.uid(), agents.publicKeyPem(), "The agents")));
    }
    return made;
  }

  /** An agent's side: the cluster's key, its gateway, and with internal auth its API's filter and its service login. */
  static AgentSide agent(AgentNodeConfig config, AgentModule agent, LeaderDetector leaders) {
    ClusterKeys keys = new ClusterKeys(leaders::leader).start();
    if (!config.internalAuth()) {
      Supplier<String> none = () -> null;
      return new AgentSide(config, agent, keys, new RemotePolicy(leaders::leader, none, SystemTime.ticker()), none);
    }
    if (config.credentials() == null) {
      throw io.berth.common.error.BerthException.invalid("--internal-auth needs --credentials (the agent's service account)");
    }
    ServiceLogin login = new ServiceLogin(ServiceAccountSecret.read(config.credentials()), leaders::leader,
        SystemTime.wallClock());
    RemotePolicy policy = new RemotePolicy(leaders::leader, login, SystemTime.ticker());
    agent.withInternalAuth(InternalAuth.agent(keys::verifierNow, policy, SystemTime.wallClock()), login);
    log.info("the agent API requires authentication; the agent logs in to the masters as '{}'", ServiceAccountSecret.read(
        config.credentials()).uid());
    return new AgentSide(config, agent, keys, policy, login);
  }

  /** What {@link #agent} made; {@link #start} after the agent started (its gateway needs the agent API's address). */
  static final class AgentSide implements AutoCloseable {
    private final AgentNodeConfig config;
    private final AgentModule agent;
    private final ClusterKeys keys;
    private final Policy policy;
    private final Supplier<String> token;
    private AgentGateway gateway;

    AgentSide(AgentNodeConfig config, AgentModule agent, ClusterKeys keys, Policy policy, Supplier<String> token) {
      this.config = config;
      this.agent = agent;
      this.keys = keys;
      this.policy = policy;
      this.token = token;
    }

    void start() {
      if (config.gatewayPort() < 0) {
        return;
      }
      GatewayConfig gatewayConfig = new GatewayConfig(config.ip(), config.gatewayPort(), -1, false, config.insecureDev(),
          GatewayConfig.defaults(config.ip()).upstreamTimeout(), -1);
      try {
        gateway = new AgentGateway(gatewayConfig, agent.url(),
            Map.of(Component.LOGS, new Components.Endpoint(agent.url() + LogsApi.PREFIX, null)), agent::agentId, keys,
            policy, token, SystemTime.wallClock(),
            SystemTime.ticker(), IdGenerator.fast()).start();
      } catch (RuntimeException e) {
        log.error("the agent's gateway cannot start on {}:{}; the agent runs without it", config.ip(), config.gatewayPort(), e);
      }
    }

    @Override
    public void close() {
      if (gateway != null) {
        gateway.close();
      }
      keys.close();
    }
  }
}
