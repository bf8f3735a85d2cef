/**
 * Admin Router: the one authenticated, TLS entry point of a cluster. {@link io.berth.gateway.RouteTable} (pure) maps
 * paths to targets and the permission each needs, {@link io.berth.gateway.GatewayRouter} authenticates, authorizes and
 * resolves upstreams, and {@link io.berth.http.ReverseProxy} streams the traffic.
 */
package io.berth.gateway;
