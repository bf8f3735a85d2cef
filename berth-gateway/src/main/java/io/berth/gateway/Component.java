package io.berth.gateway;

/** The services behind the gateway. Those not built yet answer 503 with a clear message. */
public enum Component {
  MESOS("the Mesos master API"),
  AGENT("this agent's API"),
  MARATHON("Marathon"),
  METRONOME("Metronome"),
  MESOS_DNS("the Mesos-DNS API"),
  COSMOS("the package manager (Cosmos)"),
  DIAGNOSTICS("the health and diagnostics service"),
  CHECKS("the checks service"),
  LOGS("the log service"),
  METRICS("the metrics service"),
  EXHIBITOR("Exhibitor"),
  NETWORKING("the networking API (dcos-net)"),
  SECRETS("the secrets service"),
  PKGPANDA("the package layer (pkgpanda)"),
  CLUSTER_LINKER("the cluster linker"),
  UI_UPDATE("the UI update service");

  private final String description;

  Component(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
