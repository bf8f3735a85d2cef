package io.berth.metronome.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.http.Handler;
import io.berth.http.Method;
import io.berth.http.Response;
import io.berth.http.Routes;
import io.berth.master.Leadership;
import io.berth.metronome.JobService;
import io.berth.metronome.MetronomeError;
import java.util.Map;

/**
 * Metronome's REST API on the master: {@code /v1/...} and the same under {@code /metronome/v1/...} (as DC/OS exposes
 * it behind {@code /service/metronome}), the legacy {@code /v0/scheduled-jobs}, and {@code /metronome/ping|info|leader}.
 * Errors in Metronome's shapes; a master that does not lead redirects to the leader.
 */
public final class MetronomeApi {
  public static final String VERSION = "0.6.66-berth";

  private final Leadership leadership;
  private final JobsApi jobs;
  private final RunsApi runs;

  public MetronomeApi(JobService service, Leadership leadership) {
    this.leadership = leadership;
    this.jobs = new JobsApi(service);
    this.runs = new RunsApi(service);
  }

  public Routes routes() {
    Routes.Builder b = Routes.builder(new MetronomeErrors());
    for (String prefix : new String[] {"", "/metronome"}) {
      read(b, Method.GET, prefix + "/v1/jobs", jobs::list);
      write(b, Method.POST, prefix + "/v1/jobs", jobs::create);
      read(b, Method.GET, prefix + "/v1/jobs/{jobId}", jobs::get);
      write(b, Method.PUT, prefix + "/v1/jobs/{jobId}", jobs::replace);
      read(b, Method.DELETE, prefix + "/v1/jobs/{jobId}", jobs::delete);
      read(b, Method.GET, prefix + "/v1/jobs/{jobId}/schedules", jobs::schedules);
      write(b, Method.POST, prefix + "/v1/jobs/{jobId}/schedules", jobs::addSchedule);
      read(b, Method.GET, prefix + "/v1/jobs/{jobId}/schedules/{scheduleId}", jobs::schedule);
      write(b, Method.PUT, prefix + "/v1/jobs/{jobId}/schedules/{scheduleId}", jobs::replaceSchedule);
      read(b, Method.DELETE, prefix + "/v1/jobs/{jobId}/schedules/{scheduleId}", jobs::deleteSchedule);
      read(b, Method.POST, prefix + "/v1/jobs/{jobId}/runs", runs::start);
      read(b, Method.GET, prefix + "/v1/jobs/{jobId}/runs", runs::list);
      read(b, Method.GET, prefix + "/v1/jobs/{jobId}/runs/{runId}", runs::get);
      read(b, Method.POST, prefix + "/v1/jobs/{jobId}/runs/{runId}/actions/stop", runs::stop);
      read(b, Method.GET, prefix + "/v1/queue", runs::queue);
      write(b, Method.POST, prefix + "/v0/scheduled-jobs", jobs::createScheduled);
      write(b, Method.PUT, prefix + "/v0/scheduled-jobs/{jobId}", jobs::replaceScheduled);
    }
    b.get("/metronome/ping", r -> Response.text(200, "pong"));
    b.get("/metronome/info", r -> Response.ok(info()));
    b.get("/metronome/leader", r -> Response.ok(Map.of("leader", leadership.leaderUrl()
        .map(u -> u.replaceFirst("^https?://", ""))
        .orElseThrow(() -> new BerthException(ErrorCode.NOT_FOUND, "There is no leader")))));
    for (Method m : new Method[] {Method.GET, Method.POST, Method.PUT, Method.DELETE}) {
      b.route(m, "/metronome/{rest...}", r -> {
        throw new MetronomeError(ErrorCode.NOT_FOUND, "Unknown route.", Map.of("requestPath", r.path()));
      });
    }
    return b.build();
  }

  private void read(Routes.Builder b, Method method, String path, Handler handler) {
    b.route(method, path, ApiRequests.handler(leadership, false, handler));
  }

  private void write(Routes.Builder b, Method method, String path, Handler handler) {
    b.route(method, path, ApiRequests.handler(leadership, true, handler));
  }

  private static ObjectNode info() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("version", VERSION);
    node.put("libVersion", VERSION);
    node.putObject("config");
    return node;
  }
}
