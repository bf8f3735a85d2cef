package io.berth.dns.records;

import io.berth.api.cluster.TaskInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Mesos {@code DiscoveryInfo} of a task as Berth derives it, the same way the master's Mesos JSON shows it
 * ({@code /master/state}): a task with named ports ({@code portNames}) has a DiscoveryInfo whose name is the task's
 * name and whose ports are its lowest host ports, named in order, protocol tcp. VIP labels are the task labels whose
 * key starts with {@code VIP_} (Marathon writes them on port definitions; {@code TaskInfo} carries them as task
 * labels). Pure.
 *
 * @param name the DiscoveryInfo name, or null when the task has no DiscoveryInfo
 */
public record TaskDiscovery(String name, List<Port> ports, List<String> vipLabels) {
  public TaskDiscovery {
    ports = List.copyOf(ports);
    vipLabels = List.copyOf(vipLabels);
  }

  /** A discovery port: host port number, name (may be empty) and protocol ({@code tcp}, {@code udp} or empty = both). */
  public record Port(long number, String name, String protocol) {}

  public boolean hasDiscoveryInfo() {
    return name != null;
  }

  public static TaskDiscovery of(TaskInfo task) {
    List<String> vips = new ArrayList<>();
    for (Map.Entry<String, String> label : task.labels().entrySet()) {
      if (label.getKey().startsWith("VIP_") && label.getValue() != null) {
        vips.add(label.getValue());
      }
    }
    vips.sort(null);
    if (task.portNames().isEmpty()) {
      return new TaskDiscovery(null, List.of(), vips);
    }
    List<Long> numbers = task.resources().ports().lowest(task.portNames().size());
    List<Port> ports = new ArrayList<>();
    for (int i = 0; i < numbers.size(); i++) {
      ports.add(new Port(numbers.get(i), task.portNames().get(i), "tcp"));
    }
    return new TaskDiscovery(task.name() == null ? task.id() : task.name(), ports, vips);
  }
}
