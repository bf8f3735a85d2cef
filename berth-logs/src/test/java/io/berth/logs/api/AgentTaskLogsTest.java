package io.berth.logs.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.agent.api.FilesApi;
import io.berth.common.json.Json;
import io.berth.http.ErrorRenderer;
import io.berth.http.HttpServer;
import io.berth.http.Response;
import io.berth.http.Routes;
import io.berth.logs.journal.JournalReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's task file routes over real HTTP, reading through the agent's real files API ({@link FilesApi}) and a
 * state document in the agent API's shape, with the caller's token checked by the server's filter.
 */
class AgentTaskLogsTest {
  private static final String RUN = "/system/v1/logs/v2/task/frameworks/fw-1/executors/web.1/runs/cid-1";
  @TempDir
  Path work;
  Path sandbox;
  HttpServer server;
  final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    Path sandboxes = work.resolve("sandboxes");
    sandbox = Files.createDirectories(sandboxes.resolve("web.1"));
    Files.writeString(sandbox.resolve("stdout"), "one\ntwo\nthree\n");
    Files.createDirectories(sandboxes.resolve("pod/tasks/a"));
    Files.writeString(sandboxes.resolve("pod/tasks/a/stderr"), "pod says\n");
    FilesApi files = new FilesApi(sandboxes);
    Object web = Map.of("id", "web.1", "container", "cid-1", "directory", sandbox.toString());
    Object pod = Map.of("id", "pod-exec", "container", "cid-2", "directory", sandboxes.resolve("pod").toString());
    Object framework = Map.of("id", "fw-1", "executors", List.of(web), "completed_executors", List.of(pod));
    Object state = Map.of("id", "agent-1", "frameworks", List.of(framework), "completed_frameworks", List.of());
    Routes agentApi = Routes.builder(ErrorRenderer.text()).get("/state", r -> Response.ok(state))
        .get("/files/read", files::read).get("/files/browse", files::browse).build();
    AtomicReference<String> url = new AtomicReference<>();
    server = HttpServer.start("127.0.0.1", 0, List.of(agentApi,
        LogsApi.agent(new JournalReader(work.resolve("journal")), url::get, () -> "agent-1")),
        head -> head.header("Authorization").filter("token=good"::equals).isPresent() ? Optional.empty()
            : Optional.of(Response.text(401, "no token")));
    url.set(server.url());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).header("Authorization", "token=good");
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readsTheSandboxFileAsLinesWithSkipLimitAndCursors() throws Exception {
    assertThat(get(RUN + "/stdout").body()).isEqualTo("one\ntwo\nthree\n");
    assertThat(get(RUN + "/stdout?skip=-2").body()).isEqualTo("two\nthree\n");
    assertThat(get(RUN + "/stdout?cursor=4&limit=1").body()).isEqualTo("two\n");
    var json = Json.tree(get(RUN + "/stdout?skip=-1", "Accept", "application/json").body().getBytes());
    assertThat(json.path("cursor").asText()).isEqualTo("14");
    assertThat(json.path("fields")).hasToString("{\"MESSAGE\":\"three\",\"AGENT_ID\":\"agent-1\",\"FRAMEWORK_ID\":\"fw-1\","
        + "\"EXECUTOR_ID\":\"web.1\",\"CONTAINER_ID\":\"cid-1\",\"FILE\":\"stdout\"}");
    assertThat(get("/system/v1/logs/v2/task/frameworks/fw-1/executors/pod-exec/runs/cid-2/tasks/a/stderr").body())
        .isEqualTo("pod says\n");
    assertThat(get(RUN + "/files/browse").body()).contains(sandbox.resolve("stdout").toString());
  }

  @Test
  void downloadSendsTheFileGzippedAsAnAttachment() throws Exception {
    HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(URI.create(server.url() + RUN
        + "/stdout/download?postfix=2026")).header("Authorization", "token=good").GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("content-disposition")).hasValue("attachment; filename=\"stdout-2026.log.gz\"");
    assertThat(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(answer.body())).readAllBytes())
        .asString().isEqualTo("one\ntwo\nthree\n");
    assertThat(get("/system/v1/logs/v2/task/frameworks/fw-1/executors/web.1/runs/other/stdout/download").statusCode())
        .as("unknown run").isEqualTo(404);
  }

  @Test
  void followsTheFileAsAnEventStream() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    var response = client.sendAsync(HttpRequest.newBuilder(URI.create(server.url() + RUN + "/stdout?cursor=END"))
        .header("Authorization", "token=good").header("Accept", "text/event-stream").GET().build(),
        HttpResponse.BodyHandlers.ofLines());
    try {
      var lines = response.get().body();
      Thread reader = Thread.ofVirtual().start(() -> lines.forEach(seen::add));
      Files.writeString(sandbox.resolve("stdout"), "four\n", StandardOpenOption.APPEND);
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("id: 19"));
      assertThat(seen).anyMatch(l -> l.startsWith("data: ") && l.contains("\"MESSAGE\":\"four\""));
      assertThat(seen).noneMatch(l -> l.contains("three"));
      reader.interrupt();
    } finally {
      response.get().body().close();
    }
  }

  @Test
  void unknownRunsAre404MissingFiles204BadInput400AndTheCallersTokenIsNeeded() throws Exception {
    HttpResponse<String> unknown = get("/system/v1/logs/v2/task/frameworks/fw-1/executors/web.1/runs/other/stdout");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("No run other of executor web.1");
    assertThat(get(RUN + "/stderr").statusCode()).isEqualTo(204);
    assertThat(get(RUN + "/stdout?cursor=abc").body()).contains("Invalid cursor 'abc'");
    assertThat(get(RUN + "/stdout?cursor=-5").statusCode()).isEqualTo(400);
    assertThat(get(RUN + "/stdout?limit=-1").statusCode()).isEqualTo(400);
    assertThat(get(RUN + "/..").statusCode()).isIn(400, 404);
    HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(URI.create(server.url() + RUN + "/stdout")).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }
}
