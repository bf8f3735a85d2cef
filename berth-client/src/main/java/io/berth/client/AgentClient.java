package io.berth.client;

import io.berth.api.agent.KillTask;
import io.berth.api.agent.LaunchTasks;

/** An agent's internal API as the master uses it. */
public final class AgentClient {
  private final JsonHttp http;

  public AgentClient(JsonHttp http) {
    this.http = http;
  }

  public void launch(String agentUrl, LaunchTasks request) {
    http.post(agentUrl + "/internal/tasks", request);
  }

  public void kill(String agentUrl, KillTask request) {
    http.post(agentUrl + "/internal/tasks/" + request.taskId() + "/kill", request);
  }
}
