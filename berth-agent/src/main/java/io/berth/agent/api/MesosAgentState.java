package io.berth.agent.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The body of the agent's {@code GET /state} (and {@code /slave(1)/state}) in Mesos' shape: what DC/OS tools,
 * the UI and Mesos-DNS-like readers expect. Times are seconds since the epoch as JSON numbers.
 */
public record MesosAgentState(
    String id,
    String pid,
    String hostname,
    String version,
    Resources resources,
    Map<String, String> attributes,
    Domain domain,
    @JsonProperty("master_hostname") String masterHostname,
    @JsonProperty("start_time") BigDecimal startTime,
    List<Framework> frameworks,
    @JsonProperty("completed_frameworks") List<Framework> completedFrameworks) {

  /** Scalars in Mesos units (cpus, MiB) and ports in Mesos' range text, e.g. {@code [31000-32000]}. */
  public record Resources(double cpus, double mem, double disk, double gpus, String ports) {}

  /** The agent's fault domain, as Mesos nests it. */
  public record Domain(@JsonProperty("fault_domain") FaultDomain faultDomain) {}

  /** Region and zone. */
  public record FaultDomain(Named region, Named zone) {}

  /** {@code {"name": ...}}. */
  public record Named(String name) {}

  /** A framework with tasks on this agent: its running and its completed executors. */
  public record Framework(
      String id,
      String name,
      String user,
      String role,
      String hostname,
      List<Executor> executors,
      @JsonProperty("completed_executors") List<Executor> completedExecutors) {}

  /** Berth runs one command executor per task, so the executor id is the task id. */
  public record Executor(
      String id,
      String name,
      String source,
      String container,
      String directory,
      Resources resources,
      @JsonProperty("framework_id") String frameworkId,
      List<Task> tasks,
      @JsonProperty("queued_tasks") List<Task> queuedTasks,
      @JsonProperty("completed_tasks") List<Task> completedTasks) {}

  /** A task, with every status it went through. */
  public record Task(
      String id,
      String name,
      @JsonProperty("framework_id") String frameworkId,
      @JsonProperty("executor_id") String executorId,
      @JsonProperty("slave_id") String slaveId,
      String state,
      Resources resources,
      List<Status> statuses,
      List<Label> labels) {}

  /** A task label. */
  public record Label(String key, String value) {}

  /** One status of a task; {@code timestamp} in seconds. */
  public record Status(
      String state,
      BigDecimal timestamp,
      String message,
      Boolean healthy,
      @JsonProperty("container_status") ContainerStatus containerStatus) {}

  /** Which container the status is about. */
  public record ContainerStatus(@JsonProperty("container_id") ContainerId containerId) {}

  /** A container id. */
  public record ContainerId(String value) {}
}
