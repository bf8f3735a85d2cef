package io.berth.gateway;

/**
 * Where a request goes, as the route table decides from its method and path alone, and what it needs: nothing
 * ({@link Access#PUBLIC}), a valid token ({@link Access#AUTHENTICATED}) or a token whose user has {@code full}
 * on a resource id ({@link Access#PERMISSION}).
 */
public sealed interface Route {
  /** What a route requires of the caller. */
  enum Access { PUBLIC, AUTHENTICATED, PERMISSION }

  /** A redirect answered before any authentication (as Admin Router does). */
  record Redirect(int status, String location) implements Route {}

  /** No such route: 404. */
  record NotFound() implements Route {}

  /** A route that needs something, and its target. {@code rid} is null unless access is PERMISSION. */
  record Guarded(Access access, String rid, Target target) implements Route {}

  /** Where a guarded route goes. */
  sealed interface Target {}

  /** A component's HTTP API: {@code path} (with the raw query appended by the router) on the component's base URL. */
  record Upstream(Component component, String path) implements Target {}

  /** IAM's API, served in-process. */
  record Iam() implements Target {}

  /** The CA's API and trust bundle, served in-process. */
  record Ca() implements Target {}

  /** A document the gateway makes itself (UI shell, metadata, health, metrics). */
  record Document(String name) implements Target {}

  /** {@code /service/<path>}: resolved against Marathon apps and Mesos frameworks. */
  record Service(String path) implements Target {}

  /** {@code /agent/<id>/<rest>}: the agent's API (on masters through the agent's gateway). */
  record Agent(String agentId, String path) implements Target {}

  /** {@code /system/v1/agent/<id>/<rest>}: the agent's gateway. */
  record AgentGateway(String agentId, String path) implements Target {}
}
