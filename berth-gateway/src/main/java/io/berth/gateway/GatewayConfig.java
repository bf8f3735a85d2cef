package io.berth.gateway;

import java.time.Duration;

/**
 * Configuration of a gateway.
 *
 * @param ip address to listen on
 * @param httpPort HTTP listener (masters: 80, {@code berth up}: 8800; agents: 61001)
 * @param httpsPort HTTPS listener, started once the cluster CA exists (masters: 443, {@code berth up}: 8443; -1: none)
 * @param redirectToHttps answer plain-HTTP requests with a redirect to HTTPS (except health, the CA bundle, the
 *     version and the JWKS, which stay reachable over HTTP)
 * @param insecureDev no authentication at all: every caller is a superuser. For development only
 * @param upstreamTimeout how long an upstream may stay silent before the gateway gives up (default 10 min; streams
 *     with traffic are not cut)
 * @param agentGatewayPort where agents' gateways listen, for {@code /agent/<id>/...} and {@code /system/v1/agent/<id>/...}
 *     (default 61001; negative: agents run no gateway, {@code /agent/<id>/...} goes straight to the agent's API)
 */
public record GatewayConfig(String ip, int httpPort, int httpsPort, boolean redirectToHttps, boolean insecureDev,
    Duration upstreamTimeout, int agentGatewayPort) {

  public static GatewayConfig defaults(String ip) {
    return new GatewayConfig(ip, 80, 443, true, false, Duration.ofMinutes(10), 61001);
  }
}
