package io.berth.marathon.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.common.json.Json;
import io.berth.http.Request;
import io.berth.http.Response;
import io.berth.marathon.events.EventBus;
import io.berth.marathon.events.MarathonEvent;
import io.berth.marathon.scheduler.Instance;
import io.berth.marathon.scheduler.MarathonScheduler;
import io.berth.state.image.ClusterImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** {@code /v2/info}, {@code /v2/leader}, {@code /ping}, {@code /metrics} and the event stream {@code /v2/events}. */
final class MiscApi {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final ApiContext ctx;

  MiscApi(ApiContext ctx) {
    this.ctx = ctx;
  }

  private String leader() {
    return ctx.leader().get().map(u -> u.replaceFirst("^https?://", "")).orElse(null);
  }

  Response info(Request r) {
    ObjectNode o = F.objectNode().put("name", "marathon").put("version", "1.10.0").put("buildref", "berth")
        .put("elected", ctx.writer().get().isPresent()).put("leader", leader())
        .put("frameworkId", MarathonScheduler.FRAMEWORK_ID);
    ObjectNode m = o.putObject("marathon_config");
    m.put("master", "berth").put("failover_timeout", 604800).put("framework_name", "marathon").put("ha", true)
        .put("checkpoint", true).put("local_port_min", RootEdit.SERVICE_PORT_MIN).put("local_port_max", RootEdit.SERVICE_PORT_MAX)
        .put("executor", "//cmd").put("hostname", ctx.config().hostname()).putNull("webui_url").put("mesos_role", "*")
        .put("task_launch_timeout", 300000).put("task_reservation_timeout", 20000).put("reconciliation_initial_delay", 15000)
        .put("reconciliation_interval", 600000).put("mesos_user", "root").put("leader_proxy_connection_timeout_ms", 5000)
        .put("leader_proxy_read_timeout_ms", 10000).putNull("mesos_leader_ui_url").putNull("env_vars_prefix")
        .putNull("default_network_name").put("mesos_bridge_name", "mesos-bridge").put("max_instances_per_offer", 1000);
    ArrayNode features = m.putArray("features");
    ctx.config().features().stream().sorted().forEach(features::add);
    o.putObject("zookeeper_config").put("zk", "berth").put("zk_timeout", 10000).put("zk_session_timeout", 10000)
        .put("zk_max_versions", 50).put("zk_compression", true);
    o.putObject("http_config").put("http_port", 5050).put("https_port", 8443);
    return Response.ok(o);
  }

  Response leaderGet(Request r) {
    String leader = leader();
    if (leader == null) {
      throw BerthException.notFound("There is no leader");
    }
    return Response.ok(F.objectNode().put("leader", leader));
  }

  /**
   * Marathon abdicates about 500 ms after answering; so does the leading master here (its term ends, its Marathon
   * with it, and it joins the election again). A {@code backup} is written and a {@code restore} applied before the
   * answer ({@link MarathonBackup}); when either fails the answer is 400 and the leader stays.
   */
  Response leaderDelete(Request r) {
    if (leader() == null || ctx.writer().get().isEmpty()) {
      throw BerthException.notFound("There is no leader");
    }
    Optional<Path> backup = r.query("backup").map(u -> MarathonBackup.file("backup", u));
    Optional<Path> restore = r.query("restore").map(u -> MarathonBackup.file("restore", u));
    MarathonBackup.Contents restored = restore.map(MarathonBackup::read).orElse(null);
    backup.ifPresent(file -> MarathonBackup.write(file, ctx.image().apps(), ctx.clock().instant()));
    if (restored != null) {
      ctx.write(img -> MarathonBackup.restore(img, restored, ctx.clock().instant(), ctx.ids()::next));
    }
    Runnable abdicate = ctx.abdicate().get().orElseThrow(() ->
        new BerthException(ErrorCode.UNAVAILABLE, "This Marathon cannot abdicate"));
    Thread.ofVirtual().name("marathon-abdication").start(() -> {
      try {
        Thread.sleep(ABDICATION_DELAY_MILLIS); // let the answer reach the client first, as Marathon does
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      abdicate.run();
    });
    return Response.ok(F.objectNode().put("message", "Leadership abdicated"));
  }

  private static final long ABDICATION_DELAY_MILLIS = 500;

  Response ping(Request r) {
    String accept = r.header("accept").orElse("*/*");
    if (accept.contains("application/json") && !accept.contains("text/plain") && !accept.contains("*/*")) {
      return Response.ok("pong");
    }
    return Response.text(200, "pong");
  }

  Response metrics(Request r) {
    ClusterImage image = ctx.image();
    Map<String, List<Instance>> instances = ctx.instances(image);
    long running = instances.values().stream().flatMap(List::stream).filter(Instance::running).count();
    ObjectNode o = F.objectNode().put("version", "4.0.0");
    ObjectNode gauges = o.putObject("gauges");
    gauges.putObject("marathon.apps.active.gauge").put("value", image.apps().apps().size());
    gauges.putObject("marathon.deployments.active.gauge").put("value", image.apps().deployments().size());
    gauges.putObject("marathon.instances.running.gauge").put("value", running);
    gauges.putObject("marathon.instances.launch-overdue.gauge").put("value", ctx.scheduler().view().queue().size());
    gauges.putObject("marathon.http.event-streams.active.gauge").put("value", ctx.events().streams());
    o.putObject("counters");
    o.putObject("histograms");
    o.putObject("meters");
    o.putObject("timers");
    return Response.ok(o);
  }

  /** Server-sent events; {@code event_type} filters; the stream ends when the client goes away. */
  Response events(Request r) {
    String accept = r.header("accept").orElse("");
    if (!accept.contains("text/event-stream")) {
      throw new BerthException(ErrorCode.METHOD_NOT_ALLOWED, "The event stream needs 'Accept: text/event-stream'");
    }
    Set<String> types = new HashSet<>(r.query().getOrDefault("event_type", List.of()));
    EventBus bus = ctx.events();
    EventBus.Subscriber subscriber = bus.subscribe(types);
    return new Response.Stream(200, "text/event-stream", Map.of("Cache-Control", "no-cache"), out -> {
      try {
        bus.publish(bus.payload("event_stream_attached").put("remoteAddress", r.remoteAddress()));
        out.flush();
        while (true) {
          MarathonEvent e = subscriber.queue().poll(5, TimeUnit.SECONDS);
          if (e == null) {
            out.write("\n".getBytes(StandardCharsets.UTF_8));
          } else {
            write(out, e);
          }
          out.flush();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        bus.unsubscribe(subscriber);
        bus.publish(bus.payload("event_stream_detached").put("remoteAddress", r.remoteAddress()));
      }
    });
  }

  private static void write(OutputStream out, MarathonEvent e) throws IOException {
    out.write(("event: " + e.eventType() + "\ndata: " + Json.writeString(e.payload()) + "\n\n").getBytes(StandardCharsets.UTF_8));
  }
}
