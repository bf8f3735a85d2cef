package io.berth.logs.api;

import io.berth.http.ErrorRenderer;
import io.berth.http.Routes;
import io.berth.logs.journal.JournalReader;
import io.berth.state.image.ClusterImage;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The DC/OS logs API (dcos-log) of one node, served by the node's own HTTP server under {@value #PREFIX} (the
 * gateways route {@code /system/v1/logs/...} and {@code /system/v1/agent/<id>/logs/...} there): the journal routes on
 * every node, the task redirects on masters, the sandbox file reads on agents. Errors are plain text, as dcos-log's.
 */
public final class LogsApi {
  /** Where the API is mounted on the node's HTTP server. */
  public static final String PREFIX = "/system/v1/logs";

  private LogsApi() {}

  /** A master's routes: its journal, and {@code /v2/task/<id>...} answered with 303 from the cluster image. */
  public static Routes master(JournalReader journal, Supplier<ClusterImage> image) {
    Routes.Builder routes = Routes.builder(ErrorRenderer.text());
    new JournalApi(journal).register(routes);
    new TaskRedirects(image).register(routes);
    return routes.build();
  }

  /**
   * An agent's routes: its journal, and the task sandbox reads through the agent API at {@code agentUrl} (asked with
   * each caller's own {@code Authorization}).
   */
  public static Routes agent(JournalReader journal, Supplier<String> agentUrl, Supplier<String> agentId) {
    Routes.Builder routes = Routes.builder(ErrorRenderer.text());
    new JournalApi(journal).register(routes);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
        .version(HttpClient.Version.HTTP_1_1).build();
    new TaskFileApi(new AgentSandbox(agentUrl, client), agentId).register(routes);
    return routes.build();
  }
}
