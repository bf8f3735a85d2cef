package io.berth.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.common.id.IdGenerator;
import io.berth.common.time.SystemTime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's proxy on the wire, with raw sockets: bad requests, upstreams that refuse or stay silent, bodies in
 * both framings, HEAD, keep-alive and pipelined requests, and oversized bodies for in-process routes.
 */
class ReverseProxyWireTest {
  final List<String> logged = new CopyOnWriteArrayList<>();
  HttpServer backend;
  ReverseProxy proxy;
  ServerSocket silent;
  int refusedPort;

  @BeforeEach
  void start() throws IOException {
    backend = HttpServer.start("127.0.0.1", 0, List.of(Routes.builder(ErrorRenderer.json())
        .post("/length", req -> Response.text(200, "got " + req.body().length + " bytes"))
        .get("/hello", req -> Response.text(200, "hello " + req.header("x-forwarded-proto").orElse("?")))
        .build()));
    silent = new ServerSocket(0); // accepts (into its backlog) and never answers
    try (ServerSocket s = new ServerSocket(0)) {
      refusedPort = s.getLocalPort();
    }
    ProxyRouter router = head -> switch (head.path().split("/").length > 1 ? head.path().split("/")[1] : "") {
      case "up" -> forward(backend.url() + head.rawPath().substring(3), Duration.ofSeconds(10));
      case "silent" -> forward("http://127.0.0.1:" + silent.getLocalPort() + "/", Duration.ofMillis(300));
      case "refused" -> forward("http://127.0.0.1:" + refusedPort + "/", Duration.ofSeconds(10));
      case "local" -> new ProxyDecision.Serve(Routes.builder(ErrorRenderer.json())
          .post("/local", r -> Response.ok(Map.of("len", r.body().length))).build());
      default -> new ProxyDecision.Answer(Response.text(404, "nothing here"));
    };
    proxy = ReverseProxy.start("127.0.0.1", 0, router, (head, id, status, nanos) -> logged.add(head.path() + " " + status),
        IdGenerator.sequential("req"), SystemTime.ticker());
  }

  private static ProxyDecision.Forward forward(String url, Duration idle) {
    return new ProxyDecision.Forward(URI.create(url), Map.of(), List.of(), idle, null);
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    backend.close();
    silent.close();
  }

  @Test
  void requestsThatAreNotHttpGetAClearErrorAndTheConnectionEnds() throws IOException {
    assertThat(exchange("GARBAGE\r\n\r\n")).startsWith("HTTP/1.1 400 ").contains("Bad request");
    String big = "GET /up/hello HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n";
    assertThat(exchange(big)).startsWith("HTTP/1.1 431 ");
    assertThat(exchange("GET /up/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(exchange("GET /up/../../etc HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 400 ");
  }

  @Test
  void anUpstreamThatRefusesIs502AndOneThatStaysSilentIs504() throws IOException {
    assertThat(exchange("GET /refused HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 502 ").contains("cannot connect to 127.0.0.1:" + refusedPort).contains("X-Request-Id: req-");
    assertThat(exchange("GET /silent HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 504 ").contains("did not answer within 300 ms");
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> logged.containsAll(List.of("/refused 502", "/silent 504")));
  }

  @Test
  void bodiesPassInBothFramingsAndHeadGetsNoBody() throws IOException {
    assertThat(exchange("POST /up/length HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"))
        .startsWith("HTTP/1.1 200 ").endsWith("got 5 bytes");
    assertThat(exchange("POST /up/length HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        + "3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n")).startsWith("HTTP/1.1 200 ").endsWith("got 7 bytes");
    String head = exchange("HEAD /up/hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(head).startsWith("HTTP/1.1 200 ").containsIgnoringCase("content-length: 10").endsWith("\r\n\r\n");
  }

  @Test
  void keptAliveAndPipelinedRequestsAreAnsweredInOrder() throws IOException {
    try (Socket s = connect()) {
      String two = "GET /up/hello HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\n\r\n"
          + "POST /local HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc";
      s.getOutputStream().write(two.getBytes(StandardCharsets.ISO_8859_1));
      String answers = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(statusLines(answers)).containsExactly("HTTP/1.1 200 OK", "HTTP/1.1 404 Not Found", "HTTP/1.1 200 OK");
      assertThat(answers).contains("hello http").contains("nothing here").endsWith("{\"len\":3}");
    }
  }

  @Test
  void aBodyOverTheLimitOfAnInProcessRouteIs413InItsApisShape() throws IOException {
    try (Socket s = connect()) {
      int size = HttpServer.MAX_BODY_BYTES + 1;
      s.getOutputStream().write(("POST /local HTTP/1.1\r\nHost: x\r\nContent-Length: " + size + "\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      byte[] chunk = new byte[64 * 1024];
      for (int sent = 0; sent < size; sent += chunk.length) {
        s.getOutputStream().write(chunk, 0, Math.min(chunk.length, size - sent));
      }
      String answer = readAnswer(s.getInputStream());
      assertThat(answer).startsWith("HTTP/1.1 413 ").contains("\"code\":\"TOO_LARGE\"");
    }
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", proxy.port()), 5000);
    s.setSoTimeout(10_000);
    return s;
  }

  /** Sends {@code request} on a new connection and reads until the proxy closes it. */
  private String exchange(String request) throws IOException {
    try (Socket s = connect()) {
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** Reads one answer with a Content-Length body. */
  private static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    String h = head.toString(StandardCharsets.ISO_8859_1);
    int length = h.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
        .mapToInt(l -> Integer.parseInt(l.split(":", 2)[1].trim())).findFirst().orElse(0);
    return h + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static List<String> statusLines(String answers) {
    List<String> lines = new ArrayList<>(); // an answer's status line follows the previous answer's body directly
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("HTTP/1\\.1 \\d{3} [^\r]*").matcher(answers);
    while (m.find()) {
      lines.add(m.group());
    }
    return lines;
  }
}
