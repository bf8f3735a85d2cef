package io.berth.logs.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskGroupInfo;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import io.berth.common.json.Json;
import io.berth.http.HttpServer;
import io.berth.logs.journal.Cursor;
import io.berth.logs.journal.JournalFilesFixture;
import io.berth.logs.journal.JournalReader;
import io.berth.state.image.ClusterImage;
import io.berth.state.image.Task;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master's logs API over real HTTP: journal ranges, streams, fields, task redirects and bad input. */
class MasterLogsApiTest {
  private static final String DAY = "2026-11-25";
  @TempDir
  Path dir;
  JournalFilesFixture journal;
  HttpServer server;
  final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  List<Cursor> cursors = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    journal = new JournalFilesFixture(dir);
    for (int i = 0; i < 5; i++) {
      cursors.add(journal.append(DAY, 0, "entry " + i, i < 3 ? "berth-master.service" : "berth-marathon.service"));
    }
    ClusterImage image = new ClusterImage(7, Map.of(), Map.of(), List.of(), Map.of(
        "web.1", task(new TaskInfo("web.1", "web", "fw-1", "agent-1", Resources.NONE, CommandInfo.shell("x"), List.of(),
            Map.of(), 3), TaskState.TASK_RUNNING, "cid-1"),
        "pod.a", task(new TaskInfo("pod.a", "a", "fw-1", "agent-2", Resources.NONE, CommandInfo.shell("x"), List.of(),
            Map.of(), 3, null, new TaskGroupInfo("pod-exec", Resources.NONE, List.of())), TaskState.TASK_FINISHED, "cid-2"),
        "staging", task(new TaskInfo("staging", "s", "fw-1", "agent-1", Resources.NONE, CommandInfo.shell("x"), List.of(),
            Map.of(), 3), TaskState.TASK_STAGING, null)), null, null, null);
    server = HttpServer.start("127.0.0.1", 0, List.of(LogsApi.master(new JournalReader(dir), () -> image)));
  }

  private static Task task(TaskInfo info, TaskState state, String container) {
    return new Task(info, List.of(new TaskStatus(info.id(), info.frameworkId(), info.agentId(), state, null,
        TaskStatus.Source.SOURCE_AGENT, null, Instant.EPOCH, "u", null, container, null)), null);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + "/system/v1/logs" + path)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void v1RangeGivesTheLastEntriesAsTextOrJsonLines() throws Exception {
    HttpResponse<String> text = get("/v1/range/?skip_prev=2");
    assertThat(text.statusCode()).isEqualTo(200);
    assertThat(text.headers().firstValue("content-type")).contains("text/plain; charset=utf-8");
    assertThat(text.body()).matches("(?s)\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d: entry 3\n.*: entry 4\n");
    HttpResponse<String> json = get("/v1/range/?cursor=" + enc(cursors.get(1).toString()) + "&limit=2",
        "Accept", "application/json");
    List<String> lines = json.body().lines().toList();
    assertThat(lines).hasSize(2);
    var first = Json.tree(lines.getFirst().getBytes());
    assertThat(first.path("fields").path("MESSAGE").asText()).isEqualTo("entry 1");
    assertThat(first.path("cursor").asText()).isEqualTo(cursors.get(1).toString());
    assertThat(first.path("realtime_timestamp").asLong()).isPositive();
    assertThat(first.has("monotonic_timestamp")).isTrue();
    assertThat(get("/v1/range?skip_next=4").body()).endsWith(": entry 4\n");
    assertThat(get("/v1/range/?read_reverse=true&limit=2").body()).as("newest first")
        .matches("(?s).*: entry 4\n.*: entry 3\n");
    assertThat(get("/v1/range/?cursor=" + enc(cursors.get(2).toString()) + "&read_reverse=TRUE").body().lines())
        .hasSize(2).satisfiesExactly(l -> assertThat(l).endsWith("entry 1"), l -> assertThat(l).endsWith("entry 0"));
  }

  @Test
  void v1RangeDownloadIsTheRangeGzippedAsAnAttachment() throws Exception {
    HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(
        URI.create(server.url() + "/system/v1/logs/v1/range/download?skip_prev=2&postfix=node-1")).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("content-type")).hasValue("application/x-gzip");
    assertThat(answer.headers().firstValue("content-disposition"))
        .hasValue("attachment; filename=\"root-range-node-1.log.gz\"");
    String text = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(answer.body()))
        .readAllBytes(), StandardCharsets.UTF_8);
    assertThat(text).isEqualTo(get("/v1/range/?skip_prev=2").body()).endsWith(": entry 4\n");
    assertThat(get("/v1/range/download?limit=-1").statusCode()).as("bad input as for a range").isEqualTo(400);
  }

  @Test
  void v2ComponentMatchesTheUnitAndFiltersAndLastEventIdResume() throws Exception {
    assertThat(get("/v2/component/berth-marathon.service").body().lines()).hasSize(2);
    assertThat(get("/v2/component?skip=-1").body()).endsWith("entry 4\n");
    assertThat(get("/v2/component?filter=" + enc("_systemd_unit:berth-master.service") + "&filter=" + enc("MESSAGE:entry 2"))
        .body()).endsWith(": entry 2\n").hasLineCount(1);
    assertThat(get("/v1/range/", "Last-Event-ID", cursors.get(2).toString()).body().lines())
        .hasSize(2).allMatch(l -> l.endsWith("entry 3") || l.endsWith("entry 4"));
    assertThat(get("/v1/fields/_systemd_unit").body()).isEqualTo("[\"berth-marathon.service\",\"berth-master.service\"]");
  }

  @Test
  void nothingMatchedIs204AndBadParametersAre400WithAClearMessage() throws Exception {
    assertThat(get("/v2/component/unknown.service").statusCode()).isEqualTo(204);
    assertThat(get("/v1/range/?cursor=END").statusCode()).isEqualTo(204);
    Map<String, String> bad = Map.of(
        "/v1/range/?filter=NOCOLON", "Invalid filter 'NOCOLON'",
        "/v1/range/?cursor=garbage", "Invalid cursor 'garbage'",
        "/v1/range/?limit=-3", "Invalid limit -3",
        "/v1/range/?limit=ten", "must be an integer",
        "/v1/range/?skip_prev=-1", "must not be negative",
        "/v2/component?skip=1&skip_next=1", "not both",
        "/v1/stream/?cursor=2026-11-25:1", "Invalid cursor",
        "/v1/fields/NO-DASH", "Invalid field name",
        "/v1/range/?read_reverse=yes", "Invalid read_reverse 'yes'",
        "/v1/stream/?read_reverse=true", "read_reverse cannot be used with a stream");
    for (var e : bad.entrySet()) {
      HttpResponse<String> answer = get(e.getKey());
      assertThat(answer.statusCode()).as(e.getKey()).isEqualTo(400);
      assertThat(answer.body()).as(e.getKey()).contains(e.getValue());
    }
    assertThat(get("/v1/range/", "Last-Event-ID", "nope").statusCode()).isEqualTo(400);
  }

  @Test
  void aStreamSendsTheBacklogThenNewEntriesWithCursorsAsIds() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/system/v1/logs/v1/stream/?skip_prev=1"))
        .header("Accept", "text/event-stream").GET().build();
    var response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
    java.util.stream.Stream<String> body = response.get().body();
    Thread reader = Thread.ofVirtual().start(() -> body.forEach(seen::add));
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("id: " + cursors.get(4)));
      Cursor fresh = journal.append(DAY, 1, "rotated and new", "berth-master.service");
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("id: " + fresh));
      assertThat(seen.stream().filter(l -> l.startsWith("data: ")).toList()).hasSize(2).last().asString()
          .contains("rotated and new");
      assertThat(response.get().headers().firstValue("cache-control")).contains("no-cache");
      assertThat(response.get().headers().firstValue("x-accel-buffering")).contains("no");
    } finally {
      body.close(); // the client goes away: the server's stream ends at its next keepalive
      reader.interrupt();
    }
  }

  @Test
  void taskRoutesRedirectToTheAgentsSandboxRoute() throws Exception {
    HttpResponse<String> plain = get("/v2/task/web.1?skip=-5&limit=2");
    assertThat(plain.statusCode()).isEqualTo(303);
    assertThat(plain.headers().firstValue("location")).contains("/system/v1/agent/agent-1/logs/v2/task/frameworks/fw-1"
        + "/executors/web.1/runs/cid-1/stdout?skip=-5&limit=2");
    assertThat(get("/v2/task/web.1/file/stderr").headers().firstValue("location")).hasValueSatisfying(
        l -> assertThat(l).endsWith("/runs/cid-1/stderr"));
    assertThat(get("/v2/task/web.1/browse").headers().firstValue("location")).hasValueSatisfying(
        l -> assertThat(l).endsWith("/runs/cid-1/files/browse"));
    assertThat(get("/v2/task/web.1/file/stderr/download").headers().firstValue("location")).hasValueSatisfying(
        l -> assertThat(l).endsWith("/runs/cid-1/stderr/download"));
    assertThat(get("/v2/task/pod.a").headers().firstValue("location")).contains("/system/v1/agent/agent-2/logs/v2/task/"
        + "frameworks/fw-1/executors/pod-exec/runs/cid-2/tasks/pod.a/stdout");
    HttpResponse<String> unknown = get("/v2/task/nope");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("Task 'nope' not found");
    assertThat(get("/v2/task/staging").body()).contains("has no container yet");
  }
}
