package io.berth.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.json.Json;
import io.berth.common.time.Ticker;
import io.berth.state.image.ClusterImage;
import io.berth.state.image.Framework;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Admin Router's {@code /service/<path>} resolution (spec §4): the first 1..10 path segments that name a service
 * win; a service is a root Marathon app with the {@code DCOS_SERVICE_*} labels and a running task, or a Mesos
 * framework (by id, then name) with a {@code webui_url}. {@code marathon} and {@code metronome} are the built-in ones.
 */
public final class ServiceResolver {
  private static final Duration APPS_FRESH_FOR = Duration.ofSeconds(5);

  /** A resolved service: its path, where it listens, whether the prefix is stripped, its timeout. */
  public record Resolved(String servicePath, URI base, boolean rewrite, Duration timeout) {}

  /** Resolution could not be done (a cache is unavailable): 503 with this message. */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String message) {
      super(message, null, false, false);
    }
  }

  private final Components components;
  private final Ticker ticker;
  private volatile JsonNode apps;
  private volatile long appsAt;

  public ServiceResolver(Components components, Ticker ticker) {
    this.components = components;
    this.ticker = ticker;
  }

  public Optional<Resolved> resolve(String path, ClusterImage image) {
    String[] segments = path.split("/");
    for (int i = 1; i <= Math.min(10, segments.length); i++) {
      String candidate = String.join("/", java.util.Arrays.copyOfRange(segments, 0, i));
      if (candidate.isEmpty()) {
        return Optional.empty();
      }
      Optional<Resolved> found = candidate(candidate, image);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private Optional<Resolved> candidate(String servicePath, ClusterImage image) {
    if (servicePath.equals("marathon") || servicePath.equals("metronome")) {
      Component c = servicePath.equals("marathon") ? Component.MARATHON : Component.METRONOME;
      return components.base(c).map(base -> new Resolved(servicePath, base, true, Duration.ofMinutes(10)));
    }
    Optional<Resolved> app = marathonApp(servicePath);
    if (app.isPresent()) {
      return app;
    }
    for (boolean byId : new boolean[] {true, false}) {
      for (Framework f : image.frameworks().values()) {
        if ((byId ? f.id() : f.info().name()).equals(servicePath)) {
          String webui = f.info().webuiUrl();
          if (webui == null || webui.isBlank()) {
            return Optional.empty();
          }
          return Optional.of(new Resolved(servicePath, URI.create(webui.replaceAll("/+$", "")), true, Duration.ofMinutes(10)));
        }
      }
    }
    return Optional.empty();
  }

  /** The normalised name of a service path: {@code group1/jenkins} is {@code jenkins.group1}. */
  static String normalise(String path) {
    List<String> parts = new ArrayList<>(List.of(path.replaceAll("^/+|/+$", "").split("/")));
    java.util.Collections.reverse(parts);
    return String.join(".", parts);
  }

  private Optional<Resolved> marathonApp(String servicePath) {
    Optional<URI> marathon = components.base(Component.MARATHON);
    if (marathon.isEmpty()) {
      return Optional.empty();
    }
    String name = normalise(servicePath);
    for (JsonNode app : apps(marathon.get()).path("apps")) {
      JsonNode labels = app.path("labels");
      if (!name.equals(normalise(labels.path("DCOS_SERVICE_NAME").asText("")))) {
        continue;
      }
      String scheme = labels.path("DCOS_SERVICE_SCHEME").asText("");
      int index;
      try {
        index = Integer.parseInt(labels.path("DCOS_SERVICE_PORT_INDEX").asText(""));
      } catch (NumberFormatException e) {
        continue;
      }
      for (JsonNode task : app.path("tasks")) {
        if (!"TASK_RUNNING".equals(task.path("state").asText()) || scheme.isEmpty()) {
          continue;
        }
        boolean container = "container".equals(app.path("networks").path(0).path("mode").asText());
        String host = container ? task.path("ipAddresses").path(0).path("ipAddress").asText("") : task.path("host").asText();
        int mapped = app.path("container").path("portMappings").path(index).path("containerPort").asInt(0);
        int port = container && mapped != 0 ? mapped : task.path("ports").path(index).asInt(0);
        if (host.isEmpty() || port == 0) {
          break;
        }
        String rewrite = labels.path("DCOS_SERVICE_REWRITE_REQUEST_URLS").asText("true");
        boolean buffering = !"false".equals(labels.path("DCOS_SERVICE_REQUEST_BUFFERING").asText("true"));
        return Optional.of(new Resolved(servicePath, URI.create(scheme + "://" + host + ":" + port), !"false".equals(rewrite),
            buffering ? Duration.ofMinutes(10) : Duration.ofSeconds(600)));
      }
    }
    return Optional.empty();
  }

  private JsonNode apps(URI marathon) {
    long now = ticker.nanos();
    JsonNode cached = apps;
    if (cached != null && now - appsAt < APPS_FRESH_FOR.toNanos()) {
      return cached;
    }
    try {
      HttpResponse<byte[]> answer = components.client().send(HttpRequest.newBuilder(marathon.resolve("/v2/apps?embed=apps.tasks&label=DCOS_SERVICE_NAME"))
          .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      if (answer.statusCode() != 200) {
        throw new Unavailable("invalid Marathon svcapps cache");
      }
      apps = Json.tree(answer.body());
      appsAt = now;
      return apps;
    } catch (java.io.IOException | RuntimeException e) {
      if (e instanceof Unavailable u) {
        throw u;
      }
      throw new Unavailable("invalid Marathon svcapps cache");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("invalid Marathon svcapps cache");
    }
  }
}
