package io.berth.marathon.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.error.BerthException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a pod must satisfy to be launched by Berth, beyond Marathon's schema (pure; problems with their paths):
 * known network modes (until the overlay network exists, pods on {@code container} networks run on their agent's
 * network, as apps on container networks do), a command for every container (container images cannot run yet),
 * ephemeral or host volumes only, mounts of declared volumes.
 */
public final class PodRules {
  private PodRules() {}

  public static void check(JsonNode pod, List<BerthException.Detail> errors) {
    int n = 0;
    for (JsonNode net : pod.path("networks")) {
      String mode = net.path("mode").asText("host");
      if (!List.of("host", "container", "container/bridge").contains(mode)) {
        errors.add(BerthException.Detail.of("/networks(" + n + ")/mode", "unknown network mode '" + mode
            + "': use host, container or container/bridge"));
      }
      n++;
    }
    Set<String> volumes = new HashSet<>();
    int v = 0;
    for (JsonNode vol : pod.path("volumes")) {
      String path = "/volumes(" + v++ + ")";
      String name = vol.path("name").asText("");
      if (name.isEmpty()) {
        errors.add(BerthException.Detail.of(path + "/name", "error.path.missing"));
      } else if (!volumes.add(name)) {
        errors.add(BerthException.Detail.of(path + "/name", "volume names are not unique"));
      }
      if (vol.has("persistent") || vol.has("secret")) {
        errors.add(BerthException.Detail.of(path, "only ephemeral volumes ({\"name\"}) and host volumes "
            + "({\"name\", \"host\"}) are supported yet"));
      }
      if (vol.has("host") && !vol.path("host").asText("").startsWith("/")) {
        errors.add(BerthException.Detail.of(path + "/host", "must be an absolute path"));
      }
    }
    int i = 0;
    for (JsonNode c : pod.path("containers")) {
      String path = "/containers(" + i++ + ")";
      JsonNode command = c.path("exec").path("command");
      if (!command.hasNonNull("shell") && !(command.path("argv").isArray() && !command.path("argv").isEmpty())) {
        errors.add(BerthException.Detail.of(path + "/exec/command", "a command (shell or argv) is required: "
            + "container images cannot run yet"));
      }
      int m = 0;
      for (JsonNode mount : c.path("volumeMounts")) {
        String mountPath = mount.path("mountPath").asText("");
        if (!volumes.contains(mount.path("name").asText())) {
          errors.add(BerthException.Detail.of(path + "/volumeMounts(" + m + ")/name",
              "volume '" + mount.path("name").asText() + "' is not declared in volumes"));
        }
        if (mountPath.isEmpty() || List.of(mountPath.split("/")).contains("..")) {
          errors.add(BerthException.Detail.of(path + "/volumeMounts(" + m + ")/mountPath",
              "must be a non-empty path without '..'"));
        }
        m++;
      }
      int e = 0;
      for (JsonNode endpoint : c.path("endpoints")) {
        int hostPort = endpoint.path("hostPort").asInt(0);
        if (endpoint.path("name").asText("").isEmpty()) {
          errors.add(BerthException.Detail.of(path + "/endpoints(" + e + ")/name", "error.path.missing"));
        }
        if (hostPort < 0 || hostPort > 65535) {
          errors.add(BerthException.Detail.of(path + "/endpoints(" + e + ")/hostPort", "must be between 0 and 65535"));
        }
        e++;
      }
    }
  }
}
