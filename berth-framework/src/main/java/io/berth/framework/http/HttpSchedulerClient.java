package io.berth.framework.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.api.cluster.FrameworkInfo;
import io.berth.client.JsonHttp;
import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.common.json.Json;
import io.berth.framework.SchedulerCall;
import io.berth.framework.SchedulerConnection;
import io.berth.framework.SchedulerEndpoint;
import io.berth.framework.SchedulerEvent;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler contract over HTTP: a client of a master's {@code /api/v1/scheduler} (Mesos v1 JSON, RecordIO).
 * Third-party frameworks written in Java and Berth's own tests and benchmarks use it.
 */
public final class HttpSchedulerClient implements SchedulerEndpoint {
  private static final Logger log = LoggerFactory.getLogger(HttpSchedulerClient.class);

  private final JsonHttp http;
  private final String masterUrl;

  public HttpSchedulerClient(JsonHttp http, String masterUrl) {
    this.http = http;
    this.masterUrl = masterUrl;
  }

  @Override
  public SchedulerConnection subscribe(FrameworkInfo framework, Consumer<SchedulerEvent> events) {
    String url = masterUrl + "/api/v1/scheduler";
    HttpResponse<InputStream> response = http.openStream("POST", url,
        Json.write(MesosSchedulerJson.writeCall(framework.id(), new SchedulerCall.Subscribe(framework), framework.role())));
    String streamId = response.headers().firstValue("Mesos-Stream-Id")
        .orElseThrow(() -> new BerthException(ErrorCode.INTERNAL, "master sent no Mesos-Stream-Id"));
    InputStream body = response.body();
    try {
      byte[] first = RecordIo.read(body);
      if (first == null) {
        throw new BerthException(ErrorCode.UNAVAILABLE, "event stream ended before SUBSCRIBED");
      }
      SchedulerEvent subscribed = MesosSchedulerJson.readEvent(Json.tree(first), framework.id());
      if (!(subscribed instanceof SchedulerEvent.Subscribed s)) {
        throw new BerthException(ErrorCode.INTERNAL, "expected SUBSCRIBED first, got " + subscribed);
      }
      events.accept(s);
      Connection connection = new Connection(s.frameworkId(), streamId, framework.role(), body);
      Thread.ofVirtual().name("scheduler-events-" + s.frameworkId()).start(() -> connection.pump(events));
      return connection;
    } catch (IOException e) {
      closeQuietly(body);
      throw new BerthException(ErrorCode.UNAVAILABLE, "reading the event stream failed: " + e, e);
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // closing a stream we give up on
    }
  }

  private final class Connection implements SchedulerConnection {
    private final String frameworkId;
    private final String streamId;
    private final String role;
    private final InputStream body;
    private volatile boolean closed;

    Connection(String frameworkId, String streamId, String role, InputStream body) {
      this.frameworkId = frameworkId;
      this.streamId = streamId;
      this.role = role;
      this.body = body;
    }

    void pump(Consumer<SchedulerEvent> events) {
      try {
        byte[] record;
        while ((record = RecordIo.read(body)) != null) {
          JsonNode node = Json.tree(record);
          events.accept(MesosSchedulerJson.readEvent(node, frameworkId));
        }
        if (!closed) {
          events.accept(new SchedulerEvent.Error("the master closed the event stream"));
        }
      } catch (IOException | RuntimeException e) {
        if (!closed) {
          log.warn("event stream of framework {} failed", frameworkId, e);
          events.accept(new SchedulerEvent.Error("event stream failed: " + e));
        }
      }
    }

    @Override
    public String frameworkId() {
      return frameworkId;
    }

    @Override
    public CompletableFuture<Void> call(SchedulerCall call) {
      return CompletableFuture.runAsync(() -> http.send("POST", masterUrl + "/api/v1/scheduler",
              Json.write(MesosSchedulerJson.writeCall(frameworkId, call, role)), Map.of("Mesos-Stream-Id", streamId)),
          command -> Thread.ofVirtual().start(command));
    }

    @Override
    public void close() {
      closed = true;
      closeQuietly(body);
    }
  }
}
