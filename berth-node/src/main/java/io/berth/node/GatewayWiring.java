package io.berth.node;

import io.berth.common.id.IdGenerator;
import io.berth.common.time.SystemTime;
import io.berth.gateway.Component;
import io.berth.gateway.Components;
import io.berth.gateway.GatewayConfig;
import io.berth.gateway.MasterGateway;
import io.berth.iam.IamConfig;
import io.berth.master.MasterModule;
import io.berth.node.config.MasterNodeConfig;
import java.util.EnumMap;
import java.util.Map;

/** Builds a master's gateway (with IAM and the CA) from the master's configuration: which component listens where. */
final class GatewayWiring {
  private GatewayWiring() {}

  static MasterGateway master(MasterNodeConfig config, MasterModule master, IdGenerator ids) {
    String masterUrl = config.toMasterConfig().url();
    Map<Component, Components.Endpoint> endpoints = new EnumMap<>(Component.class);
    endpoints.put(Component.MESOS, new Components.Endpoint(masterUrl, null));
    // Marathon (/v2), Metronome (/v1) and the Mesos-DNS API are probed: until they answer, their routes say 503.
    endpoints.put(Component.MARATHON, new Components.Endpoint(masterUrl, "/v2/info"));
    endpoints.put(Component.METRONOME, new Components.Endpoint(masterUrl, "/v1/jobs"));
    if (config.dnsHttpPort() > 0) {
      endpoints.put(Component.MESOS_DNS, new Components.Endpoint("http://" + config.ip() + ":" + config.dnsHttpPort(), "/v1/version"));
    }
    GatewayConfig gateway = new GatewayConfig(config.ip(), config.gatewayPort(), config.gatewayTlsPort(), true,
        config.insecureDev(), GatewayConfig.defaults(config.ip()).upstreamTimeout(), GatewayConfig.defaults(config.ip()).agentGatewayPort());
    return new MasterGateway(gateway, IamConfig.defaults(), master, endpoints, config.adminCredentialsOrDefault(), null,
        SystemTime.wallClock(), SystemTime.ticker(), ids);
  }
}
