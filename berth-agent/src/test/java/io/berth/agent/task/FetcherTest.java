package io.berth.agent.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.api.cluster.CommandInfo;
import io.berth.http.ErrorRenderer;
import io.berth.http.HttpServer;
import io.berth.http.Response;
import io.berth.http.Routes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetcherTest {
  @TempDir
  Path tmp;

  @Test
  void fetchesHttpAndFileUrisExtractsArchivesAndSetsExecutable() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(src.resolve("run.sh"), "#!/bin/sh\necho hi\n");
    Path tree = Files.createDirectories(tmp.resolve("tree/app"));
    Files.writeString(tree.resolve("conf.txt"), "conf");
    Process tar = new ProcessBuilder("tar", "-czf", src.resolve("app.tgz").toString(), "-C", tmp.resolve("tree").toString(), "app").start();
    assertThat(tar.waitFor()).isZero();
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(src.resolve("z.zip")))) {
      zip.putNextEntry(new ZipEntry("inzip/data.txt"));
      zip.write("zipped".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    HttpServer server = HttpServer.start("127.0.0.1", 0, List.of(Routes.builder(ErrorRenderer.json())
        .get("/files/page.html", r -> new Response.Bytes(200, "text/html", "<p>page</p>".getBytes(), Map.of())).build()));
    Path sandbox = Files.createDirectories(tmp.resolve("sandbox"));
    try {
      Fetcher.fetch(List.of(
          new CommandInfo.FetchUri(server.url() + "/files/page.html", true, false, false, null),
          new CommandInfo.FetchUri("file://" + src.resolve("run.sh"), false, true, false, "bin/start.sh"),
          new CommandInfo.FetchUri(src.resolve("app.tgz").toString(), true, false, false, null),
          new CommandInfo.FetchUri("file://" + src.resolve("z.zip"), true, false, false, null)), sandbox);
    } finally {
      server.close();
    }
    assertThat(Files.readString(sandbox.resolve("page.html"))).isEqualTo("<p>page</p>");
    assertThat(Files.isExecutable(sandbox.resolve("bin/start.sh"))).isTrue();
    assertThat(Files.readString(sandbox.resolve("app/conf.txt"))).isEqualTo("conf");
    assertThat(Files.readString(sandbox.resolve("inzip/data.txt"))).isEqualTo("zipped");
  }

  @Test
  void aMissingArtifactOrAnEscapingDestinationFails() {
    Path sandbox = tmp.resolve("sb");
    assertThatThrownBy(() -> Fetcher.fetch(List.of(new CommandInfo.FetchUri("file:///nonexistent/x", false, false, false, null)), sandbox))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("/nonexistent/x");
    assertThatThrownBy(() -> Fetcher.fetch(List.of(new CommandInfo.FetchUri("/etc/hostname", false, false, false, "../out")), sandbox))
        .hasMessageContaining("outside the sandbox");
    assertThatThrownBy(() -> Fetcher.fetch(List.of(new CommandInfo.FetchUri("ftp://x/y", false, false, false, null)), sandbox))
        .hasMessageContaining("unsupported URI scheme");
  }
}
