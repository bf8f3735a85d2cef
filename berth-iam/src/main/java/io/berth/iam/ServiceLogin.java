package io.berth.iam;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.berth.common.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service account's authentication token, as its component sends it to the internal APIs: logs in at the leading
 * master ({@code POST /acs/api/v1/auth/login} with a service login token of 5 minutes signed with the account's
 * key), keeps the token until {@link #RENEW_BEFORE} its expiry, and logs in again then. {@link #get} gives null while
 * no login succeeded (the call then goes without a token and is refused), and tries again at most every
 * {@link #RETRY_EVERY}.
 */
public final class ServiceLogin implements Supplier<String> {
  static final Duration RENEW_BEFORE = Duration.ofHours(1);
  static final Duration RETRY_EVERY = Duration.ofSeconds(1);
  static final String LOGIN_PATH = "/acs/api/v1/auth/login";
  private static final Logger log = LoggerFactory.getLogger(ServiceLogin.class);

  private record Current(String token, Instant expires) {}

  private final ServiceAccountSecret secret;
  private final Supplier<Optional<String>> leader;
  private final InstantSource clock;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .version(HttpClient.Version.HTTP_1_1).build();
  private volatile Current current;
  private volatile Instant lastTry = Instant.MIN;

  /** @param leader the leading master's API URL, when there is one */
  public ServiceLogin(ServiceAccountSecret secret, Supplier<Optional<String>> leader, InstantSource clock) {
    this.secret = secret;
    this.leader = leader;
    this.clock = clock;
  }

  @Override
  public String get() {
    Instant now = clock.instant();
    Current c = current;
    if (c != null && now.isBefore(c.expires().minus(RENEW_BEFORE))) {
      return c.token();
    }
    synchronized (this) {
      c = current;
      if ((c == null || !now.isBefore(c.expires().minus(RENEW_BEFORE))) && !now.isBefore(lastTry.plus(RETRY_EVERY))) {
        lastTry = now;
        login(now).ifPresent(fresh -> current = fresh);
      }
      c = current;
    }
    return c == null || !now.isBefore(c.expires()) ? null : c.token();
  }

  private Optional<Current> login(Instant now) {
    Optional<String> master = leader.get();
    if (master.isEmpty()) {
      return Optional.empty();
    }
    String base = (master.get().contains("://") ? master.get() : "http://" + master.get()).replaceAll("/+$", "");
    try {
      HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(URI.create(base + LOGIN_PATH))
          .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(Map.of("uid", secret.uid(),
              "token", serviceLoginToken(now))))).build(), HttpResponse.BodyHandlers.ofByteArray());
      if (answer.statusCode() != 200) {
        log.warn("service login of '{}' at {} answered {}", secret.uid(), base, answer.statusCode());
        return Optional.empty();
      }
      String token = Json.tree(answer.body()).path("token").asText();
      Instant expires = SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().toInstant();
      log.info("service account '{}' logged in at {} (token until {})", secret.uid(), base, expires);
      return Optional.of(new Current(token, expires));
    } catch (java.io.IOException | ParseException | RuntimeException e) {
      log.warn("service login of '{}' at {} failed: {}", secret.uid(), base, e.toString());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The RS256 token that proves the account's key: {@code uid}, {@code exp} 5 minutes ahead. */
  String serviceLoginToken(Instant now) {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().claim("uid", secret.uid())
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).build());
    try {
      jwt.sign(new RSASSASigner(secret.key()));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign the service login token of " + secret.uid(), e);
    }
    return jwt.serialize();
  }
}
