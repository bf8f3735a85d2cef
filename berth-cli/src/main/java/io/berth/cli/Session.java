package io.berth.cli;

import io.berth.cli.config.ClusterConfig;
import io.berth.cli.config.ClusterStore;
import io.berth.cli.config.Tokens;
import io.berth.client.GatewayHttp;
import io.berth.client.IamClient;
import io.berth.client.MarathonClient;
import io.berth.client.MesosClient;
import io.berth.client.MetronomeClient;
import io.berth.client.TrustBundle;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The attached cluster, logged in: its gateway with the pinned CA bundle and the token, and the API clients on it. */
public final class Session {
  private final ClusterConfig cluster;
  private final GatewayHttp gateway;

  public Session(ClusterConfig cluster, GatewayHttp gateway) {
    this.cluster = cluster;
    this.gateway = gateway;
  }

  /** The attached cluster with its token; a usage failure when none is attached, logged in, or the login expired. */
  public static Session attached(ClusterStore store, Instant now) {
    ClusterConfig cluster = store.requireAttached();
    String token = store.token(cluster.id()).orElseThrow(() -> CliFailure.usage(
        "not logged in to cluster '" + cluster.name() + "': run 'berth auth login'"));
    Optional<Instant> expiry = Tokens.expiry(token);
    if (expiry.isPresent() && !expiry.get().isAfter(now)) {
      throw CliFailure.usage("the login to cluster '" + cluster.name() + "' expired at " + expiry.get()
          + ": run 'berth auth login'");
    }
    return new Session(cluster, connect(store, cluster, token));
  }

  /** The attached cluster without a login (for logging in). */
  public static GatewayHttp anonymous(ClusterStore store, ClusterConfig cluster) {
    return connect(store, cluster, null);
  }

  private static GatewayHttp connect(ClusterStore store, ClusterConfig cluster, String token) {
    TrustBundle bundle = TrustBundle.parse(store.ca(cluster.id()));
    return GatewayHttp.connect(cluster.url(), bundle, token, Duration.ofSeconds(cluster.timeoutSeconds()));
  }

  public ClusterConfig cluster() {
    return cluster;
  }

  public GatewayHttp gateway() {
    return gateway;
  }

  public MarathonClient marathon() {
    return new MarathonClient(gateway);
  }

  public MetronomeClient metronome() {
    return new MetronomeClient(gateway);
  }

  public MesosClient mesos() {
    return new MesosClient(gateway);
  }

  public IamClient iam() {
    return new IamClient(gateway);
  }
}
