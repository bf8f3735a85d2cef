package io.berth.metronome;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.state.jobs.JobsImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input at every endpoint: a 4xx in Metronome's error shape, and the state is left as it was. */
class MetronomeBadInputTest {
  static MetronomeCluster cluster;
  static final String JOB = "{'id': 'a', 'run': {'cpus': 0.1, 'mem': 32, 'disk': 0, 'cmd': 'true'}}";

  @BeforeAll
  static void start() {
    cluster = new MetronomeCluster(Instant.parse("2026-05-01T10:00:30Z"), Map.of());
    cluster.ok("POST", "/v1/jobs", JOB);
    cluster.ok("POST", "/v1/jobs/a/schedules", "{'id': 's1', 'cron': '0 0 1 1 *', 'enabled': false}");
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @ParameterizedTest(name = "{0} {1} -> {3}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "-", value = {
      "POST|/v1/jobs|{'id': 'b', 'run': |400|Invalid JSON",
      "POST|/v1/jobs||415|Expecting text/json or application/json body",
      "POST|/v1/jobs|[1]|422|Object is not valid",
      "POST|/v1/jobs|{'id': 'b', 'run': {'cpus': 0.1, 'mem': 32, 'disk': 0, 'cmd': 'x'}, 'extra': 1}|422|Object is not valid",
      "POST|/v1/jobs|" + JOB + "|409|Job with this id already exists",
      "POST|/v1/jobs|{'id': 'b', 'dependencies': [{'id': 'zz'}], 'run': {'cpus': 0.1, 'mem': 32, 'disk': 0, 'cmd': 'x'}}|422|Dependencies contain unknown jobs. unknown=[zz]",
      "POST|/metronome/v1/jobs|{'id': 'B', 'run': {'cpus': 0.1, 'mem': 32, 'disk': 0, 'cmd': 'x'}}|422|Object is not valid",
      "GET|/v1/jobs?embed=everything|-|400|Unknown embed options. Valid options are: activeRuns, schedules, history, historySummary",
      "GET|/v1/jobs/Not_Valid|-|400|Not a valid id: Not_Valid",
      "GET|/v1/jobs/nope|-|404|Job not found",
      "PUT|/v1/jobs/nope|" + JOB + "|404|Job not found",
      "PUT|/v1/jobs/a|{'run': {'cpus': 0.1, 'mem': 1, 'disk': 0, 'cmd': 'x'}}|422|Object is not valid",
      "DELETE|/v1/jobs/nope|-|404|Job not found",
      "DELETE|/v1/jobs/a?stopCurrentJobRuns=maybe|-|400|Parameter 'stopCurrentJobRuns' must be true or false",
      "GET|/v1/jobs/nope/schedules|-|404|Job not found",
      "POST|/v1/jobs/a/schedules|{'id': 's1', 'cron': '* * * * *'}|409|A schedule with id s1 already exists",
      "POST|/v1/jobs/a/schedules|{'id': 's2', 'cron': '* * * * *'}|409|Only one schedule supported at the moment",
      "POST|/v1/jobs/a/schedules|{'id': 's2', 'cron': '99 * * * *'}|422|Object is not valid",
      "POST|/v1/jobs/a/schedules|{'id': 'x', 'cron': '* * * * *'}|422|Object is not valid",
      "POST|/v1/jobs/nope/schedules|{'id': 's2', 'cron': '* * * * *'}|404|Job not found",
      "GET|/v1/jobs/a/schedules/zz|-|404|Schedule not found",
      "PUT|/v1/jobs/a/schedules/zz|{'cron': '* * * * *'}|404|Schedule not found",
      "PUT|/v1/jobs/a/schedules/s1|{'cron': '* * * * *', 'concurrencyPolicy': 'REPLACE'}|422|Object is not valid",
      "DELETE|/v1/jobs/a/schedules/zz|-|404|Schedule not found",
      "POST|/v1/jobs/nope/runs|-|404|Job not found",
      "GET|/v1/jobs/nope/runs|-|404|Job not found",
      "GET|/v1/jobs/a/runs/zz|-|404|Job Run not found",
      "POST|/v1/jobs/a/runs/zz/actions/stop|-|404|Job Run not found",
      "POST|/v0/scheduled-jobs|{'id': 'b', 'run': {'cpus': 0.1, 'mem': 32, 'disk': 0, 'cmd': 'x', 'taskKillGracePeriodSeconds': 2}}|422|Object is not valid",
      "PUT|/v0/scheduled-jobs/nope|" + JOB + "|404|Job not found",
      "GET|/metronome/v1/nothing|-|404|Unknown route.",
  })
  void isRefusedAndChangesNothing(String method, String path, String body, int status, String message) {
    JobsImage before = cluster.image().jobs();
    MetronomeCluster.Answer a = cluster.call(method, path, body == null ? null : body);
    assertThat(a.status()).as(a.text()).isEqualTo(status);
    assertThat(a.body().path("message").asText()).startsWith(message);
    if (status == 422 && message.equals("Object is not valid")) {
      assertThat(a.body().path("details").get(0).path("path").asText()).startsWith("/");
      assertThat(a.body().path("details").get(0).path("errors").get(0).asText()).isNotEmpty();
    }
    if (status == 400) {
      assertThat(a.body().path("requestPath").asText()).isEqualTo(path.replaceFirst("\\?.*", ""));
    }
    if (message.equals("Job not found")) {
      assertThat(a.body().path("id").asText()).isEqualTo("nope");
    }
    if (message.equals("Job Run not found")) {
      assertThat(a.body().path("jobSpec").asText()).isEqualTo("a");
      assertThat(a.body().path("id").asText()).isEqualTo("zz");
    }
    assertThat(cluster.image().jobs()).isEqualTo(before);
  }

  @Test
  void aBodyThatIsNotDeclaredJsonIsRefusedWith415() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cluster.master.url() + "/v1/jobs"))
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(JOB.replace('\'', '"').replace("'a'", "'c'")))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(cluster.image().jobs().job("c")).isEmpty();
  }

  @Test
  void theGoodRequestsNextToTheBadOnesWork() {
    JsonNode schedules = cluster.ok("GET", "/v1/jobs/a/schedules", null);
    assertThat(schedules.get(0).path("enabled").asBoolean()).isFalse();
    assertThat(schedules.get(0).path("nextRunAt").asText()).isEqualTo("2027-01-01T00:00:00.000+0000");
    assertThat(cluster.call("GET", "/metronome/ping", null).text()).isEqualTo("pong");
    assertThat(cluster.ok("GET", "/metronome/leader", null).path("leader").asText()).isEqualTo(cluster.master.url().substring(7));
  }
}
