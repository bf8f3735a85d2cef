package io.berth.client;

import io.berth.api.agent.KillTask;
import io.berth.api.agent.LaunchTasks;
import java.util.concurrent.CompletableFuture;

/** An agent's internal API as the master uses it. */
public final class AgentClient {
  private final JsonHttp http;

  public AgentClient(JsonHttp http) {
    this.http = http;
  }

  public void launch(String agentUrl, LaunchTasks request) {
    http.post(agentUrl + "/internal/tasks", request);
  }

  /**
   * As {@link #launch}, without waiting for the agent's answer (see {@link JsonHttp#sendAsync}); the future fails
   * with the agent's refusal or the connection's error.
   */
  public CompletableFuture<Void> launchAsync(String agentUrl, LaunchTasks request) {
    return http.sendAsync("POST", agentUrl + "/internal/tasks", request).thenApply(answer -> null);
  }

  public void kill(String agentUrl, KillTask request) {
    http.post(agentUrl + "/internal/tasks/" + request.taskId() + "/kill", request);
  }
}
