package io.berth.metronome.json;

import io.berth.state.jobs.RunSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Metronome's rules for a run's {@code networks}: one kind, host and bridge once, container networks named. */
final class NetworkRules {
  private NetworkRules() {}

  static void check(RunSpec run, String path, Problems p) {
    List<RunSpec.Network> networks = run.networks();
    if (networks.isEmpty()) {
      return;
    }
    Set<String> modes = new HashSet<>();
    networks.forEach(n -> modes.add(n.mode()));
    if (modes.size() > 1) {
      p.add(path, "You may not mix host, container, or container/bridge networking");
      return;
    }
    String mode = modes.iterator().next();
    switch (mode) {
      case "host" -> {
        if (networks.size() > 1) {
          p.add(path, "Only one host network may be specified");
        }
        if (networks.stream().anyMatch(n -> n.name() != null || n.labels() != null)) {
          p.add(path, "Host networks may not have names or labels");
        }
      }
      case "container/bridge" -> {
        if (networks.size() > 1) {
          p.add(path, "Only one bridge network may be specified");
        }
        if (networks.stream().anyMatch(n -> n.name() != null)) {
          p.add(path, "Bridge networks may not have names");
        }
      }
      default -> {
        Set<String> names = new HashSet<>();
        for (RunSpec.Network n : networks) {
          if (n.name() == null || n.name().isEmpty()) {
            p.add(path, "Container networks must have a name");
          } else if (!names.add(n.name())) {
            p.add(path, "Duplicate container network name: " + n.name());
          }
        }
        if (run.docker() != null && networks.size() > 1) {
          p.add(path, "Docker supports only a single container network");
        }
      }
    }
    if (!mode.equals("host") && run.docker() == null && run.ucr() == null) {
      p.add(path, "Container and bridge networks require a container (docker or ucr)");
    }
  }
}
