package io.berth.api.cluster;

/** Where an agent lives: region and zone, as in Mesos' fault domains. */
public record FaultDomain(String region, String zone) {}
