package io.berth.master.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.error.BerthException;
import io.berth.common.id.IdGenerator;
import io.berth.common.json.Json;
import io.berth.framework.SchedulerCall;
import io.berth.framework.SchedulerEvent;
import io.berth.framework.http.MesosSchedulerJson;
import io.berth.framework.http.RecordIo;
import io.berth.http.ErrorRenderer;
import io.berth.http.Request;
import io.berth.http.Response;
import io.berth.http.Routes;
import io.berth.master.LeaderTerm;
import io.berth.master.Leadership;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Mesos v1 scheduler API, {@code POST /api/v1/scheduler} with JSON: SUBSCRIBE opens a RecordIO stream of
 * events (header {@code Mesos-Stream-Id}); every other call names that stream id and is answered 202 Accepted.
 */
public final class SchedulerHttpApi {
  private static final long LEADERSHIP_CHECK_MILLIS = 1000;

  private final Leadership leadership;
  private final IdGenerator ids;

  public SchedulerHttpApi(Leadership leadership, IdGenerator ids) {
    this.leadership = leadership;
    this.ids = ids;
  }

  public Routes routes() {
    return Routes.builder(ErrorRenderer.text())
        .post("/api/v1/scheduler", this::handle)
        .post("/mesos/api/v1/scheduler", this::handle)
        .build();
  }

  private Response handle(Request request) {
    if (leadership.term().isEmpty() && leadership.leaderUrl().isPresent()) {
      return Response.redirect(307, leadership.leaderUrl().get() + "/api/v1/scheduler");
    }
    String contentType = request.header("content-type").orElse("application/json");
    if (!contentType.startsWith("application/json")) {
      throw BerthException.badRequest("Only 'application/json' is supported as Content-Type, not '" + contentType + "'");
    }
    if (request.body().length == 0) {
      throw BerthException.badRequest("Expecting a JSON call in the request body");
    }
    JsonNode body = Json.tree(request.body());
    MesosSchedulerJson.FrameworkCall call = MesosSchedulerJson.readCall(body);
    LeaderTerm term = leadership.requireTerm();
    if (call.call() instanceof SchedulerCall.Subscribe subscribe) {
      return subscribe(term, subscribe);
    }
    String streamId = request.header("mesos-stream-id")
        .orElseThrow(() -> BerthException.badRequest("All non-subscribe calls need the 'Mesos-Stream-Id' header"));
    AwaitResult.of(term.call(call.frameworkId(), streamId, call.call()));
    return Response.empty(202);
  }

  private Response subscribe(LeaderTerm term, SchedulerCall.Subscribe subscribe) {
    String streamId = ids.next();
    BlockingQueue<SchedulerEvent> events = new LinkedBlockingQueue<>();
    String frameworkId = AwaitResult.of(term.subscribe(subscribe.framework(), streamId, events::add));
    String role = subscribe.framework().role();
    return new Response.Stream(200, "application/json", Map.of("Mesos-Stream-Id", streamId),
        out -> stream(term, frameworkId, streamId, role, events, out));
  }

  private void stream(LeaderTerm term, String frameworkId, String streamId, String role,
      BlockingQueue<SchedulerEvent> events, OutputStream out) throws IOException {
    try {
      while (leadership.term().orElse(null) == term) {
        SchedulerEvent event = events.poll(LEADERSHIP_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        if (event == null) {
          continue;
        }
        RecordIo.write(out, Json.write(MesosSchedulerJson.writeEvent(event, role)));
        if (event instanceof SchedulerEvent.Error) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      term.disconnect(frameworkId, streamId);
    }
  }
}
