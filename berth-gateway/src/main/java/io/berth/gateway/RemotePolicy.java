package io.berth.gateway;

import io.berth.client.JsonHttp;
import io.berth.common.json.Json;
import io.berth.common.time.Ticker;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IAM as an agent's gateway asks it: the leading master's policy query
 * ({@code /acs/api/v1/internal/policyquery?rid=&uid=&action=full}, as DC/OS agents' Admin Router asks it) and
 * {@code /acs/api/v1/users/<uid>} for whether a user still exists, with the agent's own token. Answers are kept for
 * {@link #KEEP_FOR} (at most {@link #MAX_ENTRIES}), as DC/OS's IAM caches policy queries; when no master answers, the
 * answer is no (fail closed) and is not kept. An answer used in the second half of its time is asked again in the
 * background, so that a caller who calls often (the master launching tasks on this agent) never waits for IAM, while
 * no answer is ever older than {@code KEEP_FOR}. The cluster's own accounts (the masters', the agents') are IAM's
 * service accounts like any other.
 */
public final class RemotePolicy implements Policy {
  static final Duration KEEP_FOR = Duration.ofSeconds(5);
  static final int MAX_ENTRIES = 1000;
  private static final Logger log = LoggerFactory.getLogger(RemotePolicy.class);

  private final Supplier<Optional<String>> leader;
  private final Supplier<String> token;
  private final JsonHttp http = new JsonHttp(Duration.ofSeconds(5));
  private final Ticker ticker;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();

  private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

  private record Answer(boolean yes, long asked) {}

  /**
   * @param leader the leading master's API address
   * @param token the agent's token for the master's API (null when the master requires none)
   */
  public RemotePolicy(Supplier<Optional<String>> leader, Supplier<String> token, Ticker ticker) {
    this.leader = leader;
    this.token = token;
    this.ticker = ticker;
  }

  @Override
  public boolean knows(String uid) {
    return ask("user " + uid, "/acs/api/v1/users/" + encode(uid), null);
  }

  @Override
  public boolean allows(String uid, String rid) {
    return ask("allows " + uid + " " + rid,
        "/acs/api/v1/internal/policyquery?rid=" + encode(rid) + "&uid=" + encode(uid) + "&action=full", "allowed");
  }

  private boolean ask(String key, String path, String field) {
    long now = ticker.nanos();
    Answer known = answers.get(key);
    long age = known == null ? Long.MAX_VALUE : now - known.asked();
    if (age < KEEP_FOR.toNanos()) {
      if (age >= KEEP_FOR.toNanos() / 2 && refreshing.add(key)) {
        Thread.ofVirtual().name("iam-refresh").start(() -> {
          try {
            fetch(key, path, field, ticker.nanos());
          } finally {
            refreshing.remove(key);
          }
        });
      }
      return known.yes();
    }
    return fetch(key, path, field, now);
  }

  /** 200 is yes (or the boolean {@code field} of the answer), 404 is no; anything else is no, and not kept. */
  private boolean fetch(String key, String path, String field, long now) {
    Optional<String> master = leader.get();
    if (master.isEmpty()) {
      log.warn("no leading master to ask IAM ({}): denied", key);
      return false;
    }
    String url = ClusterKeys.baseUrl(master.get()) + path;
    try {
      String t = token.get();
      HttpResponse<byte[]> response = http.exchange("GET", url, null,
          t == null ? Map.of() : Map.of("Authorization", "token=" + t), HttpResponse.BodyHandlers.ofByteArray());
      Boolean yes = switch (response.statusCode()) {
        case 200 -> field == null || Json.tree(response.body()).path(field).asBoolean(false);
        case 404 -> false;
        default -> null;
      };
      if (yes == null) {
        log.warn("IAM at {} answered {} to {}: denied", master.get(), response.statusCode(), key);
        return false;
      }
      if (answers.size() >= MAX_ENTRIES) {
        answers.clear();
      }
      answers.put(key, new Answer(yes, now));
      return yes;
    } catch (RuntimeException e) {
      log.warn("asking IAM at {} ({}) failed: {}; denied", master.get(), key, e.getMessage());
      return false;
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
