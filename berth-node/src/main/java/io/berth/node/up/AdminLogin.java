package io.berth.node.up;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.client.JsonHttp;
import io.berth.common.json.Json;
import io.berth.http.AuthorizedHttpClient;
import io.berth.iam.AdminCredentials;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@code berth up}'s own calls to the master API when it requires authentication ({@code --internal-auth}): the
 * superuser logs in at the master's login and the token goes with every call; until a login succeeds (IAM not
 * bootstrapped yet) calls go without one and are refused, and the next call tries again.
 */
public final class AdminLogin implements Supplier<String> {
  private final String masterUrl;
  private final AdminCredentials admin;
  private final JsonHttp plain = new JsonHttp(Duration.ofSeconds(2));
  private volatile String token;

  private AdminLogin(String masterUrl, AdminCredentials admin) {
    this.masterUrl = masterUrl;
    this.admin = admin;
  }

  /** A client for the master API that sends the superuser's token. */
  public static JsonHttp client(String masterUrl, AdminCredentials admin, Duration timeout) {
    return new JsonHttp(new AuthorizedHttpClient(HttpClient.newBuilder().connectTimeout(timeout)
        .version(HttpClient.Version.HTTP_1_1).build(), new AdminLogin(masterUrl, admin)), timeout);
  }

  @Override
  public String get() {
    if (token == null) {
      try {
        JsonNode answer = Json.tree(plain.send("POST", masterUrl + "/acs/api/v1/auth/login", admin));
        token = answer.path("token").asText(null);
      } catch (RuntimeException e) {
        return null;
      }
    }
    return token;
  }
}
