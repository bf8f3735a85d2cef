package io.berth.gateway;

import io.berth.common.id.IdGenerator;
import io.berth.common.time.Ticker;
import io.berth.http.ReverseProxy;
import io.berth.http.Routes;
import io.berth.http.TlsIdentity;
import io.berth.iam.AdminCredentials;
import io.berth.iam.AuthApi;
import io.berth.iam.IamApi;
import io.berth.iam.IamConfig;
import io.berth.iam.IamService;
import io.berth.master.LeaderContext;
import io.berth.master.LeaderService;
import io.berth.master.MasterModule;
import io.berth.secrets.ca.CaApi;
import io.berth.secrets.ca.CaService;
import io.berth.state.ClusterDelta;
import io.berth.state.iam.CaRoot;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway of a master, with IAM and the CA: IAM and the CA write through the leader while this master leads
 * (and bootstrap a new cluster: root CA, signing key, superuser from {@code credentials}); the HTTP listener starts
 * at once, the HTTPS one as soon as the cluster CA exists, with a certificate it issues for this gateway.
 */
public final class MasterGateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MasterGateway.class);
  private final GatewayConfig config;
  private final MasterModule master;
  private final IamService iam;
  private final CaService ca;
  private final GatewayRouter router;
  private final Ticker ticker;
  private final IdGenerator ids;
  private final Consumer<ClusterDelta> tlsStarter = delta -> maybeStartTls();
  private volatile ReverseProxy proxy;
  private final AccessLogger accessLog;
  private final InstantSource clock;
  private volatile java.util.function.Supplier<String> upstreamToken = () -> null;
  private volatile List<IamService.ServiceAccount> componentAccounts = List.of();

  public MasterGateway(GatewayConfig config, IamConfig iamConfig, MasterModule master, Map<Component, Components.Endpoint> endpoints,
      Path credentialsFile, CaRoot importedCa, InstantSource clock, Ticker ticker, IdGenerator ids) {
    this.config = config;
    this.master = master;
    this.ticker = ticker;
    this.ids = ids;
    this.clock = clock;
    this.accessLog = new AccessLogger(clock);
    this.iam = new IamService(iamConfig, master.publisher()::current, clock, ticker, ids);
    AuthApi auth = new AuthApi(iam);
    this.ca = new CaService(master.publisher()::current, clock);
    this.router = new GatewayRouter(new GatewayRouter.Parts(config, false, master.publisher()::current, iam::verifier,
        Policy.of(iam::image), new Components(endpoints, ticker, () -> upstreamToken.get()), new IamApi(iam, auth).routes(),
        new CaApi(ca).routes(), this::tlsPort, clock), ticker);
    // on the master's API port: the cluster's components log in, agents' gateways read the key that verifies tokens
    // and ask IAM's policy query
    Routes authorizerRoutes = new IamApi(iam, auth).authorizerRoutes();
    master.withRoutes(leadership -> auth.loginRoutes());
    master.withRoutes(leadership -> authorizerRoutes);
    master.withLeaderService(new LeaderService() {
      @Override
      public void start(LeaderContext context) {
        iam.lead(context.state());
        ca.lead(context.state());
        try {
          ca.bootstrap(importedCa);
          AdminCredentials admin = AdminCredentials.readOrCreate(credentialsFile);
          iam.bootstrap(admin.uid(), admin.password(), List.of());
          if (!componentAccounts.isEmpty()) {
            iam.ensureServiceAccounts(withMasterAccount(componentAccounts));
          }
        } catch (RuntimeException e) {
          log.error("bootstrapping IAM and the CA failed; retried on the next term", e);
        }
      }

      @Override
      public void stop() {
        iam.stepDown();
        ca.stepDown();
      }
    });
  }

  /**
   * Turns on authentication of the internal APIs (call before the master module starts): the master API requires a
   * token of the cluster, the master's calls to agents and the gateway's own calls to its upstreams carry the masters'
   * token, and the components' service accounts (and the masters' own, {@link InternalAuth#MASTER_UID}) are created
   * on the leader's terms.
   */
  public MasterGateway withInternalAuth(List<IamService.ServiceAccount> components) {
    java.util.function.Supplier<String> own = InternalAuth.masterToken(iam);
    componentAccounts = List.copyOf(components);
    upstreamToken = own;
    master.withInternalAuth(InternalAuth.master(iam::verifier, Policy.of(iam::image), clock), own);
    log.info("internal APIs require authentication; component accounts: {}",
        components.stream().map(IamService.ServiceAccount::uid).toList());
    return this;
  }

  private List<IamService.ServiceAccount> withMasterAccount(List<IamService.ServiceAccount> components) {
    List<IamService.ServiceAccount> all = new java.util.ArrayList<>(components);
    all.add(new IamService.ServiceAccount(InternalAuth.MASTER_UID, io.berth.iam.TokenKeys.toPem(
        io.berth.iam.TokenKeys.publicKey(iam.image().signingKey())), "The masters (they sign their own tokens)"));
    return all;
  }

  /** Starts the HTTP listener (call after the master module started). */
  public MasterGateway start() {
    proxy = ReverseProxy.start(config.ip(), config.httpPort(), router, accessLog, IdGenerator.fast(), ticker);
    log.info("gateway on {}{}", proxy.url(), config.insecureDev() ? " WITHOUT AUTHENTICATION (--insecure-dev)" : "");
    master.publisher().subscribe(tlsStarter);
    maybeStartTls();
    return this;
  }

  private synchronized void maybeStartTls() {
    ReverseProxy current = proxy;
    if (current == null || config.httpsPort() < 0 || current.tlsPort() > 0 || ca.authority().isEmpty()) {
      return;
    }
    Thread.ofVirtual().name("gateway-tls").start(() -> {
      synchronized (this) {
        if (current.tlsPort() > 0) {
          return;
        }
        try {
          CaService.ServerIdentity identity = ca.issueServer("Berth gateway " + config.ip(),
              List.of(config.ip(), "localhost", "127.0.0.1", "master.mesos", "leader.mesos"));
          current.startTls(config.httpsPort(), new TlsIdentity(identity.key(), identity.chain()));
          log.info("gateway HTTPS on https://{}:{} (certificate from the cluster CA)", config.ip(), current.tlsPort());
        } catch (RuntimeException e) {
          log.error("cannot start the gateway's HTTPS listener", e);
        }
      }
    });
  }

  public int port() {
    return proxy.port();
  }

  public int tlsPort() {
    ReverseProxy current = proxy;
    return current == null ? -1 : current.tlsPort();
  }

  public IamService iam() {
    return iam;
  }

  @Override
  public void close() {
    master.publisher().unsubscribe(tlsStarter);
    if (proxy != null) {
      proxy.close();
    }
    accessLog.close();
  }
}
