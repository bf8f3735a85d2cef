package io.berth.dns.records;

/** One SRV record's data: {@code target} is a fully qualified, lower-case name with the trailing dot. */
public record Srv(String target, int port, int priority, int weight) {
  /** Mesos-DNS' text form {@code target:port}, as in {@code /v1/axfr} and {@code /v1/enumerate}. */
  public String hostPort() {
    return target + ":" + port;
  }
}
