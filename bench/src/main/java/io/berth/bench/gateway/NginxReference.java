package io.berth.bench.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One nginx (Debian package {@code nginx}) with two servers on loopback: the backend both proxies forward to (a
 * fixed small answer, no access log) and the reference proxy ({@code /mesos/} to the backend with keep-alive
 * connections, the forwarding headers Admin Router sets, a request id, and a buffered access log, as Admin Router
 * is configured). As many workers as cores.
 */
final class NginxReference implements AutoCloseable {
  static final String BODY = "hello from the backend\n";
  private final Process process;
  private final Path dir;
  final int backendPort;
  final int proxyPort;

  NginxReference(Path dir, int backendPort, int proxyPort, int workers) throws IOException {
    this.dir = dir;
    this.backendPort = backendPort;
    this.proxyPort = proxyPort;
    Files.createDirectories(dir.resolve("temp"));
    dir.resolve("temp").toFile().setWritable(true, false);
    String conf = """
        worker_processes %d;
        daemon off;
        pid %s/nginx.pid;
        error_log %s/error.log warn;
        events { worker_connections 4096; }
        http {
          client_body_temp_path %s/temp/body;
          proxy_temp_path %s/temp/proxy;
          fastcgi_temp_path %s/temp/fastcgi;
          uwsgi_temp_path %s/temp/uwsgi;
          scgi_temp_path %s/temp/scgi;
          log_format gateway '$remote_addr "$request" $status $request_time $request_id';
          keepalive_requests 1000000;
          upstream backend { server 127.0.0.1:%d; keepalive 128; }
          server {
            listen 127.0.0.1:%d backlog=4096;
            access_log off;
            location / { default_type text/plain; return 200 '%s'; }
          }
          server {
            listen 127.0.0.1:%d backlog=4096;
            access_log %s/access.log gateway buffer=64k flush=1s;
            location /mesos/ {
              proxy_pass http://backend/;
              proxy_http_version 1.1;
              proxy_set_header Connection "";
              proxy_set_header Host $http_host;
              proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
              proxy_set_header X-Forwarded-Proto $scheme;
              proxy_set_header X-Real-IP $remote_addr;
              proxy_set_header X-Request-Id $request_id;
              add_header X-Request-Id $request_id;
            }
          }
        }
        """.formatted(workers, dir, dir, dir, dir, dir, dir, dir, backendPort, backendPort, BODY.replace("\n", "\\n"),
        proxyPort, dir);
    Path file = dir.resolve("nginx.conf");
    Files.writeString(file, conf);
    process = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", file.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("nginx.out").toFile()).start();
  }

  /** CPU time of nginx's master and workers so far (they serve the backend too). */
  long cpuNanos() {
    return CpuTime.treeNanos(process.toHandle());
  }

  boolean alive() {
    return process.isAlive();
  }

  String backendUrl() {
    return "http://127.0.0.1:" + backendPort;
  }

  String proxyUrl() {
    return "http://127.0.0.1:" + proxyPort;
  }

  static String version() {
    try {
      Process p = new ProcessBuilder("nginx", "-v").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(10, TimeUnit.SECONDS);
      return out.strip().replaceFirst("^nginx version: ", "");
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  String errors() throws IOException {
    Path log = dir.resolve("error.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
