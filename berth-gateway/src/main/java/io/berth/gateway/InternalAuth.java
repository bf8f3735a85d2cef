package io.berth.gateway;

import io.berth.http.RequestFilter;
import io.berth.http.RequestHead;
import io.berth.http.Response;
import io.berth.iam.IamService;
import io.berth.iam.TokenRejected;
import io.berth.iam.TokenVerifier;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authentication of the internal APIs (the master's and the agents' ports, the HTTP framework API), behind the
 * {@code internalAuth} switch: every request but the login, the key set and health needs a valid token of the cluster
 * ({@code Authorization: token=}, {@code Bearer}, or the auth cookie) of a user that exists (401 with
 * {@code WWW-Authenticate: acsjwt} otherwise). Authorization stays with the gateway: a user's token reaches these ports
 * only through it, or from a client that holds one.
 */
public final class InternalAuth {
  /** What stays open on an internal port. */
  static final Set<String> OPEN = Set.of("/acs/api/v1/auth/login", "/acs/api/v1/auth/jwks", "/master/health", "/health",
      "/slave(1)/health");
  /** The masters' own identity, for their calls to agents and the gateway's to its upstreams. */
  public static final String MASTER_UID = "berth-master";
  static final Duration RENEW_BEFORE = Duration.ofHours(1);
  private static final Logger log = LoggerFactory.getLogger(InternalAuth.class);

  private InternalAuth() {}

  /** The path prefix of the plumbing between masters and agents (registration, status updates, launches, kills). */
  static final String PLUMBING = "/internal/";
  /** IAM's questions for other authorizers (the agents' policy queries): plumbing too. */
  static final String IAM_PLUMBING = "/acs/api/v1/internal/";
  /** The agents' account, the only one that may use the masters' plumbing. */
  public static final String AGENT_UID = io.berth.iam.ServiceAccountSecret.AGENT_UID;

  /** A master's filter: users that exist; the plumbing ({@code /internal/...}) for the agents' account only. */
  public static RequestFilter master(Supplier<Optional<TokenVerifier>> verifier, Policy policy, InstantSource clock) {
    return filter(verifier, policy, clock, Set.of(AGENT_UID));
  }

  /**
   * An agent's filter: a valid token of the cluster of a user that {@code policy} knows (agents have no IAM image:
   * {@link RemotePolicy} asks the masters); the plumbing for the masters only.
   */
  public static RequestFilter agent(Supplier<Optional<TokenVerifier>> verifier, Policy policy, InstantSource clock) {
    return filter(verifier, policy, clock, Set.of(MASTER_UID));
  }

  /**
   * The filter of an internal port; {@code policy} says which users exist, {@code plumbingUsers} who may call the
   * {@code /internal/...} paths (403 for others: a user's token never launches a task on an agent directly).
   */
  static RequestFilter filter(Supplier<Optional<TokenVerifier>> verifier, Policy policy, InstantSource clock,
      Set<String> plumbingUsers) {
    Authenticator authenticator = new Authenticator();
    return head -> {
      if (OPEN.contains(head.path())) {
        return Optional.empty();
      }
      try {
        Authenticator.Caller caller = authenticator.authenticate(head, verifier.get(), clock.instant());
        if (!policy.knows(caller.uid())) {
          throw new TokenRejected("user " + caller.uid() + " does not exist");
        }
        if (isPlumbing(head.path()) && !plumbingUsers.contains(caller.uid())) {
          log.warn("403 {} {} from {}: '{}' may not use the cluster's plumbing", head.method(), head.path(),
              head.remoteAddress(), caller.uid());
          return Optional.of(new Response.JsonBody(403, Map.of("code", "ERR_FORBIDDEN", "message",
              "Only the cluster's own components may call " + head.path()), Map.of()));
        }
        return Optional.empty();
      } catch (TokenRejected e) {
        log.info("401 {} {} from {}: {}", head.method(), head.path(), head.remoteAddress(), e.getMessage());
        return Optional.of(unauthorized(head));
      }
    };
  }

  /** Paths only the cluster's own components call: never reached through a gateway either. */
  static boolean isPlumbing(String path) {
    return path.startsWith(PLUMBING) || path.startsWith(IAM_PLUMBING);
  }

  private static Response unauthorized(RequestHead head) {
    String message = "Authentication required: send a token of this cluster in 'Authorization: token=<token>'";
    return new Response.JsonBody(401, Map.of("code", "ERR_MISSING_AUTH", "message", message),
        Map.of("WWW-Authenticate", "acsjwt"));
  }

  /**
   * The masters' own token ({@link #MASTER_UID}, signed with the cluster's key, which every master holds), kept until
   * {@link #RENEW_BEFORE} its expiry; null before IAM is bootstrapped.
   */
  public static Supplier<String> masterToken(IamService iam) {
    return new Supplier<>() {
      private volatile String token;
      private volatile Instant renewAt = Instant.MIN;

      @Override
      public String get() {
        Instant now = iam.clock().instant();
        if (token == null || !now.isBefore(renewAt)) {
          iam.signer().ifPresent(signer -> {
            token = signer.issue(MASTER_UID, now);
            renewAt = now.plus(signer.lifetime()).minus(RENEW_BEFORE);
          });
        }
        return token;
      }
    };
  }
}
