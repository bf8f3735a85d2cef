package io.berth.gateway;

import io.berth.gateway.Route.Access;
import io.berth.gateway.Route.Guarded;
import io.berth.http.ProxyDecision;
import io.berth.http.ProxyRouter;
import io.berth.http.RequestHead;
import io.berth.http.Response;
import io.berth.http.Routes;
import io.berth.iam.TokenRejected;
import io.berth.iam.TokenVerifier;
import io.berth.state.image.Agent;
import io.berth.state.image.ClusterImage;
import java.net.URI;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's decisions: HTTPS redirect, route, authentication (401), service resolution, authorization (403,
 * logged), then the answer: an upstream to stream to, an in-process API (IAM, CA), a document, or 503 for a
 * component that is not there.
 */
public final class GatewayRouter implements ProxyRouter {
  private static final Logger log = LoggerFactory.getLogger(GatewayRouter.class);
  private static final Set<String> HTTP_ALLOWED = Set.of("/health", "/ca/dcos-ca.crt", "/dcos-metadata/dcos-version.json",
      "/acs/api/v1/auth/jwks", "/exhibitor/exhibitor/v1/cluster/status");
  private static final Set<String> DCOS_COOKIES = Set.of(Authenticator.COOKIE, "dcos-acs-info-cookie");

  /**
   * What a router needs; {@code iamRoutes} and {@code caRoutes} are null on agents, {@code localAgentId} (the id of
   * the agent whose gateway this is, null until it registered) is null on masters.
   */
  public record Parts(GatewayConfig config, boolean agentTable, Supplier<ClusterImage> image,
      Supplier<Optional<TokenVerifier>> verifier, Policy policy, Components components, Routes iamRoutes, Routes caRoutes,
      IntSupplier tlsPort, InstantSource clock, Supplier<String> localAgentId) {

    /** A master's parts. */
    public Parts(GatewayConfig config, boolean agentTable, Supplier<ClusterImage> image,
        Supplier<Optional<TokenVerifier>> verifier, Policy policy, Components components, Routes iamRoutes, Routes caRoutes,
        IntSupplier tlsPort, InstantSource clock) {
      this(config, agentTable, image, verifier, policy, components, iamRoutes, caRoutes, tlsPort, clock, () -> null);
    }
  }

  private final Parts p;
  private final Authenticator authenticator = new Authenticator();
  private final ServiceResolver services;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong denied = new AtomicLong();

  public GatewayRouter(Parts parts, io.berth.common.time.Ticker ticker) {
    this.p = parts;
    this.services = new ServiceResolver(parts.components(), ticker);
    if (parts.config().insecureDev()) {
      log.warn("!!! the gateway runs with --insecure-dev: NO AUTHENTICATION, every caller is a superuser !!!");
    }
  }

  @Override
  public ProxyDecision route(RequestHead head) {
    requests.incrementAndGet();
    int tls = p.tlsPort().getAsInt();
    if (!head.secure() && tls > 0 && p.config().redirectToHttps() && !HTTP_ALLOWED.contains(head.path())) {
      String host = head.header("host").orElse(p.config().ip()).replaceFirst(":\\d+$", "");
      return answer(Response.redirect(307, "https://" + host + ":" + tls + head.rawPathAndQuery()));
    }
    Route route = p.agentTable() ? RouteTable.agent(head.path()) : RouteTable.master(head.method(), head.path());
    return switch (route) {
      case Guarded g when mayBlock(g.target()) -> new ProxyDecision.Defer(() -> guarded(head, g, true));
      case Route.Redirect r -> answer(Response.redirect(r.status(), r.location()
          + (head.rawQuery() == null ? "" : "?" + head.rawQuery())));
      case Route.NotFound n -> answer(GatewayPages.notFound("No route for " + head.path()));
      case Guarded g -> guarded(head, g, false);
    };
  }

  /** Whether deciding needs I/O first: resolving a service, or probing a component whose last probe is stale. */
  private boolean mayBlock(Route.Target target) {
    return switch (target) {
      case Route.Service s -> true;
      case Route.Upstream u -> p.components().mustProbe(u.component());
      case Route.Iam i -> false;
      case Route.Ca c -> false;
      case Route.Document d -> false;
      case Route.Agent a -> false;
      case Route.AgentGateway a -> false;
    };
  }

  /** {@code mayProbe}: on a thread that may block (a deferred decision), so components may be probed now. */
  private ProxyDecision guarded(RequestHead head, Guarded g, boolean mayProbe) {
    Authenticator.Caller caller = null;
    if (g.access() != Access.PUBLIC && !p.config().insecureDev()) {
      try {
        caller = authenticator.authenticate(head, p.verifier().get(), p.clock().instant());
        if (!p.policy().knows(caller.uid())) {
          throw new TokenRejected("user " + caller.uid() + " does not exist");
        }
      } catch (TokenRejected e) {
        log.info("401 {} {} from {}: {}", head.method(), head.path(), head.remoteAddress(), e.getMessage());
        return answer(GatewayPages.forClient(head, GatewayPages.unauthorized(), "ERR_MISSING_AUTH",
            "Authentication required: send a valid token in 'Authorization: token=<token>'"));
      }
    }
    String rid = g.rid();
    Route.Target target = g.target();
    if (target instanceof Route.Service s) {
      try {
        Optional<ServiceResolver.Resolved> resolved = services.resolve(s.path(), p.image().get());
        if (resolved.isEmpty()) {
          return answer(GatewayPages.notFound("Not Found: service not found."));
        }
        rid = "dcos:adminrouter:service:" + resolved.get().servicePath();
        ProxyDecision.Forward forward = serviceForward(head, caller, s.path(), resolved.get());
        return authorize(head, caller, rid) ? forward : forbidden(head, caller, rid);
      } catch (ServiceResolver.Unavailable e) {
        return answer(GatewayPages.unavailable(e.getMessage()));
      }
    }
    if (g.access() == Access.PERMISSION && !authorize(head, caller, rid)) {
      return forbidden(head, caller, rid);
    }
    return dispatch(head, caller, target, mayProbe);
  }

  private boolean authorize(RequestHead head, Authenticator.Caller caller, String rid) {
    return caller == null || p.policy().allows(caller.uid(), rid);
  }

  private ProxyDecision forbidden(RequestHead head, Authenticator.Caller caller, String rid) {
    denied.incrementAndGet();
    log.warn("403 {} {} from {}: user '{}' lacks {} full", head.method(), head.path(), head.remoteAddress(), caller.uid(), rid);
    return answer(GatewayPages.forClient(head, GatewayPages.forbidden(caller.uid(), rid), "ERR_FORBIDDEN",
        "User '" + caller.uid() + "' lacks the permission " + rid + " (action full)"));
  }

  private ProxyDecision dispatch(RequestHead head, Authenticator.Caller caller, Route.Target target, boolean mayProbe) {
    return switch (target) {
      case Route.Iam i -> p.iamRoutes() == null ? answer(GatewayPages.notFound("No IAM here"))
          : new ProxyDecision.Serve(p.iamRoutes());
      case Route.Ca c -> p.caRoutes() == null ? answer(GatewayPages.notFound("No CA here"))
          : new ProxyDecision.Serve(p.caRoutes());
      case Route.Document d -> answer(document(d.name(), head));
      case Route.Upstream u -> (mayProbe ? p.components().base(u.component()) : p.components().lastKnown(u.component()))
          .<ProxyDecision>map(base -> forward(head, caller, base, u.path(), u.component() == Component.MESOS_DNS, null))
          .orElseGet(() -> answer(GatewayPages.unavailable(u.component().description()
              + " is not available on this cluster (not running, or not built yet).")));
      case Route.Agent a when p.agentTable() -> a.agentId().equals(p.localAgentId().get())
          ? p.components().base(Component.AGENT).<ProxyDecision>map(base -> forward(head, caller, base, a.path(), false, null))
              .orElseGet(() -> answer(GatewayPages.unavailable(Component.AGENT.description() + " is not available.")))
          : answer(GatewayPages.notFound("agent " + a.agentId() + " unknown"));
      case Route.Agent a -> agent(a.agentId()).<ProxyDecision>map(agent -> p.config().agentGatewayPort() > 0
              ? forward(head, caller, URI.create("http://" + agent.info().ip() + ":" + p.config().agentGatewayPort()),
                  "/agent/" + a.agentId() + a.path(), false, null)
              : forward(head, caller, URI.create("http://" + agent.info().ip() + ":" + agent.info().port()), a.path(), false, null))
          .orElseGet(() -> answer(GatewayPages.notFound("agent " + a.agentId() + " unknown")));
      case Route.AgentGateway a -> agent(a.agentId()).<ProxyDecision>map(agent -> forward(head, caller,
              URI.create("http://" + agent.info().ip() + ":" + p.config().agentGatewayPort()), a.path(), false, null))
          .orElseGet(() -> answer(GatewayPages.notFound("agent " + a.agentId() + " unknown")));
      case Route.Service s -> throw new IllegalStateException("services are resolved before dispatch");
    };
  }

  private Optional<Agent> agent(String id) {
    return p.image().get().agent(id);
  }

  private ProxyDecision.Forward serviceForward(RequestHead head, Authenticator.Caller caller, String path,
      ServiceResolver.Resolved service) {
    String prefix = "/service/" + service.servicePath();
    String rest = path.length() > service.servicePath().length() ? path.substring(service.servicePath().length()) : "/";
    String upstreamPath = service.rewrite() ? rawRest(head, prefix, rest) : head.rawPath();
    return forward(head, caller, service.base(), upstreamPath, false, prefix);
  }

  /** The raw (still encoded) remainder of the path after {@code prefix}, so encodings reach the upstream intact. */
  private static String rawRest(RequestHead head, String prefix, String decodedRest) {
    return head.rawPath().startsWith(prefix) ? (head.rawPath().length() == prefix.length() ? "/" : head.rawPath().substring(prefix.length()))
        : decodedRest;
  }

  private ProxyDecision.Forward forward(RequestHead head, Authenticator.Caller caller, URI base, String path,
      boolean dropAuthorization, String locationPrefix) {
    String upstreamPath = path.isEmpty() ? "/" : path;
    String origin = base.toString();
    int end = origin.length();
    while (end > 0 && origin.charAt(end - 1) == '/') {
      end--;
    }
    URI target = URI.create(origin.substring(0, end) + upstreamPath + (head.rawQuery() == null ? "" : "?" + head.rawQuery()));
    Map<String, String> set = new LinkedHashMap<>();
    List<String> remove = new ArrayList<>();
    String cookies = withoutDcosCookies(head);
    if (cookies == null) {
      remove.add("cookie");
    } else {
      set.put("Cookie", cookies);
    }
    if (dropAuthorization) {
      remove.add("authorization");
    } else if (caller != null && caller.fromCookie()) {
      set.put("Authorization", "token=" + caller.token());
    } else if (caller == null && p.config().insecureDev() && p.components().token() != null) {
      // without authentication at the gateway, internal APIs that require it get the gateway's own token
      set.put("Authorization", "token=" + p.components().token());
    }
    return new ProxyDecision.Forward(target, set, remove, p.config().upstreamTimeout(), locationPrefix);
  }

  private static String withoutDcosCookies(RequestHead head) {
    List<String> kept = new ArrayList<>();
    for (String header : head.headers().getOrDefault("cookie", List.of())) {
      for (String part : header.split(";")) {
        String name = part.strip().split("=", 2)[0];
        if (!part.isBlank() && !DCOS_COOKIES.contains(name)) {
          kept.add(part.strip());
        }
      }
    }
    return kept.isEmpty() ? null : String.join("; ", kept);
  }

  private Response document(String name, RequestHead head) {
    return switch (name) {
      case "ui" -> GatewayPages.ui();
      case "health" -> Response.ok(Map.of("healthy", true, "tls", p.tlsPort().getAsInt() > 0,
          "iam", p.verifier().get().isPresent()));
      case "metrics" -> Response.text(200, "# TYPE berth_gateway_requests_total counter\nberth_gateway_requests_total "
          + requests.get() + "\n# TYPE berth_gateway_denied_total counter\nberth_gateway_denied_total " + denied.get() + "\n");
      case "version" -> Response.ok(GatewayPages.version());
      case "ui-config" -> Response.ok(Map.of("uiConfiguration", Map.of("plugins", Map.of("authentication",
          Map.of("enabled", !p.config().insecureDev())))));
      case "metadata" -> Response.ok(Map.of("PUBLIC_IPV4", p.config().ip()));
      default -> GatewayPages.notFound("No document " + name);
    };
  }

  private static ProxyDecision answer(Response response) {
    return new ProxyDecision.Answer(response);
  }
}
