package io.berth.client;

import io.berth.api.agent.AgentRegistration;
import io.berth.api.agent.RegisterAgent;
import io.berth.api.agent.StatusUpdates;
import io.berth.api.agent.UpdatesAcknowledged;

/** The master's internal API as agents use it. */
public final class MasterClient {
  private final JsonHttp http;
  private final String baseUrl;

  public MasterClient(JsonHttp http, String baseUrl) {
    this.http = http;
    this.baseUrl = baseUrl;
  }

  public String baseUrl() {
    return baseUrl;
  }

  public AgentRegistration register(RegisterAgent request) {
    return http.post(baseUrl + "/internal/agents/register", request, AgentRegistration.class);
  }

  /** A heartbeat; throws {@link ApiException} with 404 when the master does not know this agent (re-register). */
  public void heartbeat(String agentId) {
    http.post(baseUrl + "/internal/agents/" + agentId + "/heartbeat", new byte[0]);
  }

  public UpdatesAcknowledged sendUpdates(String agentId, StatusUpdates updates) {
    return http.post(baseUrl + "/internal/agents/" + agentId + "/updates", updates, UpdatesAcknowledged.class);
  }
}
