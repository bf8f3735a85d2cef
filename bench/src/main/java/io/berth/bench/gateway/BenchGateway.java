package io.berth.bench.gateway;

import io.berth.common.id.IdGenerator;
import io.berth.common.time.SystemTime;
import io.berth.gateway.AccessLogger;
import io.berth.gateway.Component;
import io.berth.gateway.Components;
import io.berth.gateway.GatewayConfig;
import io.berth.gateway.GatewayRouter;
import io.berth.gateway.Policy;
import io.berth.http.ReverseProxy;
import io.berth.iam.AuthApi;
import io.berth.iam.IamApi;
import io.berth.iam.IamCommands;
import io.berth.iam.IamConfig;
import io.berth.iam.IamService;
import io.berth.state.StateWriter;
import io.berth.state.iam.IamChange.Principal;
import io.berth.state.iam.IamUser;
import io.berth.state.image.ClusterImage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A master's gateway as {@code MasterGateway} builds it — the real {@link GatewayRouter} (route table,
 * authentication with the token cache, authorization against the IAM image, forwarding headers) on the real
 * {@link ReverseProxy} with the real access log — whose Mesos upstream is the benchmark's backend. IAM's state is
 * an in-memory image made by the same commands a master commits: the signing key, the superuser, and the user
 * {@code bench} with {@code dcos:adminrouter:ops:mesos full}, whose token the requests carry.
 */
final class BenchGateway implements AutoCloseable {
  private volatile ClusterImage image = ClusterImage.EMPTY;
  private final ReverseProxy proxy;
  private final AccessLogger accessLog = new AccessLogger();
  final String token;

  BenchGateway(String backendUrl, int port) {
    StateWriter writer = new StateWriter() {
      @Override
      public synchronized <T> CompletableFuture<T> write(Function<ClusterImage, Write<T>> command) {
        Write<T> w = command.apply(image);
        image = image.apply(image.offset() + 1, w.records());
        return CompletableFuture.completedFuture(w.result());
      }
    };
    IamService iam = new IamService(IamConfig.defaults(), () -> image, SystemTime.wallClock(), SystemTime.ticker(),
        IdGenerator.random());
    iam.lead(writer);
    iam.bootstrap("bootstrapuser", "bench-bootstrap-password", List.of());
    String hash = iam.hasher().hash("bench-password");
    iam.write(i -> IamCommands.createUser(i, new IamUser("bench", "benchmark user", hash, null, null, null)));
    iam.write(i -> IamCommands.createAcl(i, "dcos:adminrouter:ops:mesos", "Mesos through the gateway"));
    iam.write(i -> IamCommands.grant(i, "dcos:adminrouter:ops:mesos", Principal.USER, "bench", "full"));
    token = iam.signer().orElseThrow().issue("bench", SystemTime.wallClock().instant());
    GatewayConfig config = new GatewayConfig("127.0.0.1", port, -1, true, false, Duration.ofMinutes(10), 61001);
    GatewayRouter router = new GatewayRouter(new GatewayRouter.Parts(config, false, () -> image, iam::verifier,
        Policy.of(iam::image), new Components(Map.of(Component.MESOS, new Components.Endpoint(backendUrl, null)),
        SystemTime.ticker()), new IamApi(iam, new AuthApi(iam)).routes(), null, () -> -1, SystemTime.wallClock()),
        SystemTime.ticker());
    proxy = ReverseProxy.start("127.0.0.1", port, router, accessLog, IdGenerator.fast(), SystemTime.ticker());
  }

  String url() {
    return proxy.url();
  }

  @Override
  public void close() {
    proxy.close();
    accessLog.close();
  }
}
