package io.berth.agent;

import static io.berth.agent.AgentFixture.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.api.cluster.TaskState;
import io.berth.common.json.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilesApiTest {
  private static final String SECRET = "secret-outside-the-sandbox";

  @TempDir Path dir;
  @TempDir Path elsewhere;
  AgentFixture f;
  Path sandbox;
  String root;

  @BeforeEach
  void start() throws IOException {
    f = new AgentFixture(dir).start();
    f.launch(task("web.1", "serve"));
    f.awaitStates("web.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    sandbox = dir.resolve("sandboxes/web.1");
    root = dir.resolve("sandboxes").toString();
    Files.writeString(sandbox.resolve("stdout"), "hello world\n");
    Files.createDirectories(sandbox.resolve("logs"));
    Files.writeString(sandbox.resolve("logs/app.log"), "line\n");
    Files.writeString(dir.resolve("secret.txt"), SECRET);
    Files.writeString(elsewhere.resolve("secret.txt"), SECRET);
    Files.createSymbolicLink(sandbox.resolve("escape"), elsewhere);
    Files.createSymbolicLink(sandbox.resolve("passwd"), elsewhere.resolve("secret.txt"));
    Files.createSymbolicLink(sandbox.resolve("inside"), sandbox.resolve("logs/app.log"));
    Files.createDirectories(dir.resolve("sandboxes/other.1"));
    Files.writeString(dir.resolve("sandboxes/other.1/stdout"), SECRET);
    Files.createSymbolicLink(sandbox.resolve("neighbour"), dir.resolve("sandboxes/other.1"));
  }

  @AfterEach
  void close() throws IOException {
    f.close();
    for (String link : List.of("escape", "passwd", "inside", "neighbour")) {
      Files.deleteIfExists(sandbox.resolve(link));
    }
  }

  private JsonNode json(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.tree(response.body().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void browseListsTheSandboxInMesosShape() {
    JsonNode listing = json(f.get("/files/browse?path=" + sandbox));

    JsonNode stdout = null;
    for (JsonNode e : listing) {
      if (e.get("path").asText().equals(sandbox + "/stdout")) {
        stdout = e;
      }
    }
    assertThat(stdout).isNotNull();
    assertThat(stdout.get("size").asLong()).isEqualTo(12);
    assertThat(stdout.get("nlink").asLong()).isEqualTo(1);
    assertThat(stdout.get("mode").asText()).matches("-[rwx-]{9}");
    assertThat(stdout.get("uid").asText()).isNotBlank();
    assertThat(stdout.get("gid").asText()).isNotBlank();
    assertThat(stdout.get("mtime").asLong()).isPositive();
    assertThat(listing.findValuesAsText("path")).contains(sandbox + "/logs");
    assertThat(json(f.get("/files/browse?path=" + sandbox + "/logs")).get(0).get("path").asText())
        .isEqualTo(sandbox + "/logs/app.log");
    assertThat(json(f.get("/slave(1)/files/browse.json?path=" + sandbox + "/logs/"))).hasSize(1);
  }

  @Test
  void readReturnsDataAtAnOffsetAndTheSizeForOffsetMinusOne() {
    String file = "/files/read?path=" + sandbox + "/stdout";

    assertThat(json(f.get(file + "&offset=0")).get("data").asText()).isEqualTo("hello world\n");
    assertThat(json(f.get(file + "&offset=6&length=5")).get("data").asText()).isEqualTo("world");
    JsonNode size = json(f.get(file + "&offset=-1"));
    assertThat(size.get("data").asText()).isEmpty();
    assertThat(size.get("offset").asLong()).isEqualTo(12);
    JsonNode past = json(f.get(file + "&offset=100"));
    assertThat(past.get("offset").asLong()).isEqualTo(12);
    assertThat(past.get("data").asText()).isEmpty();
    assertThat(json(f.get(file + "&offset=0&length=0")).get("data").asText()).isEmpty();
    assertThat(json(f.get("/files/read?path=" + sandbox + "/inside&offset=0")).get("data").asText())
        .isEqualTo("line\n");
  }

  @Test
  void downloadSendsTheBytesAsAnAttachment() {
    HttpResponse<String> response = f.get("/files/download?path=" + sandbox + "/stdout");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("hello world\n");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"stdout\"");
  }

  /** Every way of naming something outside the task's sandbox is refused, for every endpoint. */
  @ParameterizedTest
  @ValueSource(strings = {
      "{sandbox}/../../secret.txt",
      "{sandbox}/%2e%2e/%2e%2e/secret.txt",
      "{sandbox}/%2E%2E/%2E%2E/secret.txt",
      "{sandbox}/..%2f..%2fsecret.txt",
      "{sandbox}%2F..%2F..%2Fsecret.txt",
      "{root}//..//secret.txt",
      "{root}/web.1/./../../secret.txt",
      "{elsewhere}/secret.txt",
      "/etc/passwd",
      "//etc/passwd",
      "%2Fetc%2Fpasswd",
      "/proc/self/environ",
      "secret.txt",
      "../secret.txt",
      "{root}",
      "{root}/",
      "{sandbox}/escape/secret.txt",
      "{sandbox}/passwd",
      "{sandbox}/neighbour/stdout",
      "{sandbox}/%252e%252e/%252e%252e/secret.txt",
  })
  void pathsOutsideTheSandboxAreRefused(String spelling) {
    String path = spelling.replace("{sandbox}", sandbox.toString()).replace("{root}", root)
        .replace("{elsewhere}", elsewhere.toString());
    for (String endpoint : List.of("/files/read?offset=0&path=", "/files/download?path=", "/files/browse?path=")) {
      HttpResponse<String> response = f.get(endpoint + path);

      assertThat(response.statusCode()).as(endpoint + path + " -> " + response.body()).isIn(403, 404);
      assertThat(response.body()).doesNotContain(SECRET).doesNotContain("root:x:0");
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
          t -> assertThat(t).startsWith("text/plain"));
    }
  }

  @Test
  void curlWithPathAsIsCannotEscapeEither() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
    for (String path : List.of("/files/read?offset=0&path=" + sandbox + "/../../secret.txt",
        "/files/../files/read?offset=0&path=" + sandbox + "/%2e%2e/%2e%2e/secret.txt",
        "/files/download?path=" + sandbox + "/escape/secret.txt")) {
      Process curl = new ProcessBuilder("curl", "-s", "--path-as-is", "-w", "\n%{http_code}", f.url() + path)
          .redirectErrorStream(true).start();
      String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      curl.waitFor();
      assertThat(out).doesNotContain(SECRET);
      assertThat(out.substring(out.lastIndexOf('\n') + 1)).isIn("400", "403", "404");
    }
  }

  @Test
  void badParametersAreRefused() {
    String file = sandbox + "/stdout";
    assertThat(f.get("/files/read").statusCode()).isEqualTo(400);
    assertThat(f.get("/files/browse?path=").statusCode()).isEqualTo(400);
    assertThat(f.get("/files/read?path=" + file + "&offset=abc").statusCode()).isEqualTo(400);
    assertThat(f.get("/files/read?path=" + file + "&offset=-5").statusCode()).isEqualTo(400);
    assertThat(f.get("/files/read?path=" + file + "&length=-2").statusCode()).isEqualTo(400);
    assertThat(f.get("/files/read?path=" + file + "&length=1x").statusCode()).isEqualTo(400);
    assertThat(f.get("/files/read?path=" + sandbox + "&offset=0").body()).contains("Cannot read a directory");
    assertThat(f.get("/files/download?path=" + sandbox).statusCode()).isEqualTo(400);
    assertThat(f.get("/files/read?path=" + file + "%00&offset=0").statusCode()).isEqualTo(400);
    HttpResponse<String> missing = f.get("/files/read?path=" + sandbox + "/nope&offset=0");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("No such file");
  }
}
