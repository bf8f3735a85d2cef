package io.berth.framework.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.api.cluster.PortRange;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.common.error.BerthException;
import java.util.ArrayList;
import java.util.List;

/** Resources in Mesos v1 JSON: {@code [{"name": "cpus", "type": "SCALAR", "scalar": {"value": 1}}, ...]}. */
final class MesosResources {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private MesosResources() {}

  static ArrayNode write(Resources r, String role) {
    ArrayNode array = NODES.arrayNode();
    scalar(array, "cpus", r.cpus(), role);
    scalar(array, "mem", r.mem(), role);
    scalar(array, "disk", r.disk(), role);
    scalar(array, "gpus", r.gpus(), role);
    if (!r.ports().isEmpty()) {
      ObjectNode ports = array.addObject().put("name", "ports").put("type", "RANGES").put("role", role);
      ArrayNode ranges = ports.putObject("ranges").putArray("range");
      r.ports().ranges().forEach(p -> ranges.addObject().put("begin", p.begin()).put("end", p.end()));
    }
    return array;
  }

  private static void scalar(ArrayNode array, String name, double value, String role) {
    if (value > 0) {
      array.addObject().put("name", name).put("type", "SCALAR").put("role", role).putObject("scalar").put("value", value);
    }
  }

  static Resources read(JsonNode array, String where) {
    if (array == null || array.isNull() || array.isMissingNode()) {
      return Resources.NONE;
    }
    if (!array.isArray()) {
      throw BerthException.badRequest(where + ": 'resources' must be an array");
    }
    double cpus = 0;
    double mem = 0;
    double disk = 0;
    double gpus = 0;
    List<PortRange> ports = new ArrayList<>();
    for (JsonNode resource : array) {
      String name = resource.path("name").asText("");
      switch (name) {
        case "cpus" -> cpus += scalar(resource, where);
        case "mem" -> mem += scalar(resource, where);
        case "disk" -> disk += scalar(resource, where);
        case "gpus" -> gpus += scalar(resource, where);
        case "ports" -> {
          for (JsonNode range : resource.path("ranges").path("range")) {
            ports.add(new PortRange(range.path("begin").asLong(), range.path("end").asLong()));
          }
        }
        default -> throw BerthException.invalid(where + ": unknown resource '" + name + "'");
      }
    }
    return new Resources(cpus, mem, disk, gpus, new PortRanges(ports)).validated(where);
  }

  private static double scalar(JsonNode resource, String where) {
    JsonNode value = resource.path("scalar").path("value");
    if (!value.isNumber()) {
      throw BerthException.badRequest(where + ": resource '" + resource.path("name").asText() + "' needs scalar.value");
    }
    return value.asDouble();
  }
}
