package io.berth.gateway;

import io.berth.gateway.Route.Access;
import io.berth.gateway.Route.Guarded;
import io.berth.gateway.Route.Target;
import io.berth.gateway.Route.Upstream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Admin Router's route tables (spec adminrouter.md §2 and §3) as a pure function of the method and the decoded path:
 * the target and the permission ({@code full} on an Admin Router resource id) each route needs.
 */
public final class RouteTable {
  private static final Pattern SERVICE_ID = Pattern.compile("/service/([0-9a-zA-Z.-]+)");
  private static final Pattern AGENT = Pattern.compile("/(?:agent|slave)/([^/]+)(/.*)?");
  private static final Pattern SYSTEM_AGENT = Pattern.compile(
      "/system/v1/agent/([^/]+)(/logs.*|/metrics/v0.*|/dcos-metadata/dcos-version\\.json|/nginx/metrics)");
  private static final Pattern CA_API = Pattern.compile("/ca/api/v2/(info|bundle|newkey|newcert|sign|certificates)");
  private static final String AR = "dcos:adminrouter:";

  private RouteTable() {}

  /** The route of a request to a master's gateway. */
  public static Route master(String method, String path) {
    if (path.equals("/") || path.equals("/index.html")) {
      return open(new Route.Document("ui"));
    }
    if (path.equals("/health")) {
      return open(new Route.Document("health"));
    }
    if (path.equals("/nginx/metrics")) {
      return open(new Route.Document("metrics"));
    }
    if (path.equals("/dcos-metadata/dcos-version.json")) {
      return open(new Route.Document("version"));
    }
    if (path.equals("/dcos-metadata/ui-config.json")) {
      return open(new Route.Document("ui-config"));
    }
    if (path.equals("/metadata")) {
      return need("ops:metadata", new Route.Document("metadata"));
    }
    if (path.startsWith("/dcos-metadata/") || path.equals("/pkgpanda/active.buildinfo.full.json")) {
      return need("ops:metadata", new Upstream(Component.PKGPANDA, path));
    }
    if (path.equals("/mesos") || path.equals("/mesos_dns") || path.equals("/exhibitor")) {
      return new Route.Redirect(301, path + "/");
    }
    if (path.startsWith("/mesos/")) {
      return need("ops:mesos", new Upstream(Component.MESOS, path.substring("/mesos".length())));
    }
    if (path.equals("/marathon")) {
      return new Route.Redirect(307, "/marathon/");
    }
    if (path.startsWith("/marathon/")) {
      return need("service:marathon", new Upstream(Component.MARATHON, path.substring("/marathon".length())));
    }
    if (path.equals("/metronome")) {
      return new Route.Redirect(307, "/metronome/");
    }
    if (path.startsWith("/metronome/")) {
      return need("service:metronome", new Upstream(Component.METRONOME, path.substring("/metronome".length())));
    }
    Matcher serviceId = SERVICE_ID.matcher(path);
    if (serviceId.matches()) {
      return new Route.Redirect(301, path + "/");
    }
    if (path.startsWith("/service/")) {
      return service(path.substring("/service/".length()));
    }
    if (path.startsWith("/package/")) {
      return need("package", new Upstream(Component.COSMOS, path));
    }
    if (path.startsWith("/cosmos/service/")) {
      return need("package", new Upstream(Component.COSMOS, path.substring("/cosmos".length())));
    }
    if (path.equals("/capabilities")) {
      return need("capabilities", new Upstream(Component.COSMOS, path));
    }
    if (path.startsWith(InternalAuth.IAM_PLUMBING)) {
      return new Route.NotFound();
    }
    if (path.startsWith("/acs/api/v1/")) {
      return iam(method, path);
    }
    if (path.equals("/ca/dcos-ca.crt")) {
      return open(new Route.Ca());
    }
    Matcher ca = CA_API.matcher(path);
    if (ca.matches()) {
      return switch (ca.group(1)) {
        case "info" -> new Guarded(Access.AUTHENTICATED, null, new Route.Ca());
        case "sign", "newcert" -> need("ops:ca:rw", new Route.Ca());
        default -> need("ops:ca:ro", new Route.Ca());
      };
    }
    if (path.equals("/mesos_dns/") || path.startsWith("/mesos_dns/")) {
      return need("ops:mesos-dns", new Upstream(Component.MESOS_DNS, path.substring("/mesos_dns".length())));
    }
    if (path.equals("/exhibitor/exhibitor/v1/cluster/status")) {
      return open(new Upstream(Component.EXHIBITOR, path.substring("/exhibitor".length())));
    }
    if (path.startsWith("/exhibitor/")) {
      return need("ops:exhibitor", new Upstream(Component.EXHIBITOR, path.substring("/exhibitor".length())));
    }
    if (path.startsWith("/net/") || path.equals("/navstar/lashup/key") || path.startsWith("/networking/api/v1/")) {
      return need("ops:networking", new Upstream(Component.NETWORKING, path));
    }
    Matcher systemAgent = SYSTEM_AGENT.matcher(path);
    if (systemAgent.matches()) {
      String rest = systemAgent.group(2);
      String agentPath = rest.startsWith("/logs") ? "/system/v1" + rest : rest.startsWith("/metrics") ? "/system/v1" + rest : rest;
      return need("system:agent", new Route.AgentGateway(systemAgent.group(1), agentPath));
    }
    Matcher agent = AGENT.matcher(path);
    if (agent.matches() && isPlumbing(agent.group(2))) {
      return new Route.NotFound();
    }
    if (agent.matches()) {
      return need("ops:slave", new Route.Agent(agent.group(1), agent.group(2) == null ? "/" : agent.group(2)));
    }
    if (path.startsWith("/system/health/v1")) {
      return need("ops:system-health", new Upstream(Component.DIAGNOSTICS, path));
    }
    if (path.startsWith("/system/checks/v1")) {
      return new Guarded(Access.AUTHENTICATED, null, new Upstream(Component.CHECKS, path));
    }
    if (path.startsWith("/system/v1/logs/") || path.equals("/system/v1/logs")) {
      return need("ops:system-logs", new Upstream(Component.LOGS, path.substring("/system/v1/logs".length())));
    }
    if (path.startsWith("/system/v1/metrics/") || path.equals("/system/v1/metrics")) {
      return need("ops:system-metrics", new Upstream(Component.METRICS, path.substring("/system/v1/metrics".length())));
    }
    if (path.startsWith("/system/v1/leader/mesos") || path.startsWith("/system/v1/leader/marathon")
        || path.startsWith("/pkgpanda/")) {
      return new Guarded(Access.PERMISSION, "dcos:superuser", new Upstream(Component.PKGPANDA, path));
    }
    if (path.startsWith("/system/v1/backup/")) {
      return need("ops:system-backup", new Upstream(Component.PKGPANDA, path));
    }
    if (path.startsWith("/secrets/v1/")) {
      return need("secrets", new Upstream(Component.SECRETS, path));
    }
    if (path.startsWith("/cluster/")) {
      return need("ops:cluster-link", new Upstream(Component.CLUSTER_LINKER, path));
    }
    if (path.startsWith("/dcos-ui-update-service/api/")) {
      return new Guarded(Access.AUTHENTICATED, null, new Upstream(Component.UI_UPDATE, path));
    }
    return new Route.NotFound();
  }

  /**
   * The route of a request to an agent's gateway (spec §3), plus {@code /agent/<this agent's id>/<rest>} to the agent's
   * own API, which is how the masters' gateway reaches it: everything else is 404.
   */
  public static Route agent(String path) {
    Matcher agentApi = AGENT.matcher(path);
    if (agentApi.matches() && isPlumbing(agentApi.group(2))) {
      return new Route.NotFound();
    }
    if (agentApi.matches()) {
      return need("ops:slave", new Route.Agent(agentApi.group(1), agentApi.group(2) == null ? "/" : agentApi.group(2)));
    }
    if (path.equals("/dcos-metadata/dcos-version.json")) {
      return open(new Route.Document("version"));
    }
    if (path.equals("/nginx/metrics")) {
      return open(new Route.Document("metrics"));
    }
    if (path.equals("/health")) {
      return open(new Route.Document("health"));
    }
    if (path.startsWith("/system/health/v1")) {
      return need("ops:system-health", new Upstream(Component.DIAGNOSTICS, path));
    }
    if (path.startsWith("/system/checks/v1")) {
      return new Guarded(Access.AUTHENTICATED, null, new Upstream(Component.CHECKS, path));
    }
    if (path.startsWith("/system/v1/logs")) {
      return need("ops:system-logs", new Upstream(Component.LOGS, path.substring("/system/v1/logs".length())));
    }
    if (path.startsWith("/system/v1/metrics")) {
      return need("ops:system-metrics", new Upstream(Component.METRICS, path.substring("/system/v1/metrics".length())));
    }
    if (path.startsWith("/pkgpanda/")) {
      return new Guarded(Access.PERMISSION, "dcos:superuser", new Upstream(Component.PKGPANDA, path));
    }
    return new Route.NotFound();
  }

  /** Berth's plumbing between masters and agents ({@code /internal/...}) is never reached through a gateway. */
  private static boolean isPlumbing(String rest) {
    return rest != null && (rest.equals("/internal") || rest.startsWith("/internal/"));
  }

  private static Route iam(String method, String path) {
    String rest = path.startsWith("/acs/api/v1/auth/") ? path.substring("/acs/api/v1/auth".length()) : "";
    boolean publicAuth = (rest.equals("/login") || rest.equals("/logout")
        || rest.equals("/jwks") || rest.equals("/oidc/callback") || (rest.equals("/oidc/providers") && method.equals("GET")));
    return publicAuth ? open(new Route.Iam()) : need("acs", new Route.Iam());
  }

  /** {@code /service/<path>}: its resource id depends on the resolved service, decided by the router. */
  private static Route service(String rest) {
    return new Guarded(Access.PERMISSION, null, new Route.Service(rest));
  }

  private static Route open(Target target) {
    return new Guarded(Access.PUBLIC, null, target);
  }

  private static Route need(String rid, Target target) {
    return new Guarded(Access.PERMISSION, AR + rid, target);
  }
}
