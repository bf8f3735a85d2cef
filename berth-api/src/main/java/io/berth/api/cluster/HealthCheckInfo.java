package io.berth.api.cluster;

/**
 * A health check the agent runs for a task (Mesos' {@code HealthCheck}, what Marathon's {@code MESOS_HTTP},
 * {@code MESOS_HTTPS}, {@code MESOS_TCP} and {@code COMMAND} checks become). {@code portIndex} picks one of the
 * task's host ports unless {@code port} is set; {@code command} runs under {@code /bin/sh -c} with the task's
 * environment. The task is killed after {@code consecutiveFailures} failures once the grace period is over
 * (0: on the first failure).
 */
public record HealthCheckInfo(
    Type type,
    Integer portIndex,
    Integer port,
    String path,
    String command,
    double delaySeconds,
    double intervalSeconds,
    double timeoutSeconds,
    double gracePeriodSeconds,
    int consecutiveFailures) {

  public enum Type { HTTP, HTTPS, TCP, COMMAND }
}
