package io.berth.gateway;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.berth.common.time.SystemTime;
import io.berth.iam.TokenVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's token signing key as an agent's gateway knows it: read from the leading master's
 * {@code /acs/api/v1/auth/jwks} (on the master's API port) by a background thread, every {@link #REFRESH_EVERY}, and
 * every {@link #RETRY_EVERY} until the first answer. A request that finds no key yet reads it at once
 * ({@link #verifierNow()}); if that fails too, it is 401.
 */
public final class ClusterKeys implements AutoCloseable {
  static final String JWKS_PATH = "/acs/api/v1/auth/jwks";
  static final Duration REFRESH_EVERY = Duration.ofSeconds(30);
  static final Duration RETRY_EVERY = Duration.ofSeconds(2);
  static final Duration ASK_AT_MOST_EVERY = Duration.ofMillis(200);
  private static final Logger log = LoggerFactory.getLogger(ClusterKeys.class);

  private final Supplier<Optional<String>> leader;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Object wake = new Object();
  private volatile Optional<TokenVerifier> verifier = Optional.empty();
  private volatile String kid;
  private volatile boolean closed;
  private long lastAsked = SystemTime.ticker().nanos() - ASK_AT_MOST_EVERY.toNanos();
  private Thread thread;

  /** @param leader the leading master's API URL, when there is one */
  public ClusterKeys(Supplier<Optional<String>> leader) {
    this.leader = leader;
  }

  public ClusterKeys start() {
    thread = Thread.ofVirtual().name("gateway-cluster-keys").start(this::run);
    return this;
  }

  /** The verifier of the cluster's tokens, once its key was read. */
  public Optional<TokenVerifier> verifier() {
    return verifier;
  }

  /**
   * The verifier, reading the key at once if it is not known yet (at most one read per {@link #ASK_AT_MOST_EVERY}),
   * so that the first requests to a new agent (the master's launches right after it registered) need not wait for
   * the background thread's next try.
   */
  public Optional<TokenVerifier> verifierNow() {
    Optional<TokenVerifier> known = verifier;
    if (known.isPresent() || closed) {
      return known;
    }
    synchronized (this) {
      long now = SystemTime.ticker().nanos();
      if (verifier.isEmpty() && now - lastAsked >= ASK_AT_MOST_EVERY.toNanos()) {
        lastAsked = now;
        refresh();
      }
      return verifier;
    }
  }

  private void run() {
    while (!closed) {
      boolean ok = refresh();
      synchronized (wake) {
        if (closed) {
          return;
        }
        try {
          wake.wait((ok ? REFRESH_EVERY : RETRY_EVERY).toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** Reads the key set once; false when it could not. */
  synchronized boolean refresh() {
    Optional<String> master = leader.get();
    if (master.isEmpty()) {
      return false;
    }
    try {
      String base = baseUrl(master.get());
      HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(base + JWKS_PATH))
          .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (answer.statusCode() != 200) {
        log.debug("reading the cluster's keys from {}: {}", master.get(), answer.statusCode());
        return false;
      }
      JWK jwk = JWKSet.parse(answer.body()).getKeys().stream().filter(k -> k instanceof RSAKey).findFirst().orElse(null);
      if (jwk == null) {
        return false;
      }
      if (!jwk.getKeyID().equals(kid)) {
        verifier = Optional.of(new TokenVerifier(((RSAKey) jwk).toRSAPublicKey()));
        kid = jwk.getKeyID();
        log.info("the cluster's token key is {} (from {})", kid, master.get());
      }
      return true;
    } catch (java.io.IOException | java.text.ParseException | com.nimbusds.jose.JOSEException | RuntimeException e) {
      log.debug("reading the cluster's keys from {} failed: {}", master.get(), e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A leader's address as the detector gives it ({@code host:port} or a URL) as a base URL without a trailing slash. */
  static String baseUrl(String leader) {
    return (leader.contains("://") ? leader : "http://" + leader).replaceAll("/+$", "");
  }

  @Override
  public void close() {
    closed = true;
    synchronized (wake) {
      wake.notifyAll();
    }
  }
}
