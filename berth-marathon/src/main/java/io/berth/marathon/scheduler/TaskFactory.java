package io.berth.marathon.scheduler;

import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskInfo;
import io.berth.marathon.model.AppSpec;
import io.berth.marathon.model.PathId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Builds the Mesos task of one Marathon instance: id, name, command, environment, labels, fetch URIs. */
public final class TaskFactory {
  private TaskFactory() {}

  /** Marathon 1.7+ task ids: {@code <safeAppId>.instance-<uuid>._app.1}. */
  public static String taskId(String appId, String uuid) {
    return PathId.safe(appId) + ".instance-" + uuid + "._app.1";
  }

  /** The instance id of a task id (the part before {@code ._app}), or the task id itself for legacy forms. */
  public static String instanceId(String taskId) {
    int i = taskId.indexOf("._app");
    return i < 0 ? taskId : taskId.substring(0, i);
  }

  /** The app id encoded in a Marathon task id ({@code prod_web.instance-…} is {@code /prod/web}), if it parses. */
  public static java.util.Optional<String> appIdOf(String taskId) {
    int dot = taskId.indexOf('.');
    int underscoreUuid = taskId.lastIndexOf('_');
    String safe = dot > 0 ? taskId.substring(0, dot) : underscoreUuid > 0 ? taskId.substring(0, underscoreUuid) : null;
    if (safe == null || safe.isEmpty() || taskId.length() <= safe.length() + 1) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("/" + safe.replace('_', '/'));
  }

  /** Mesos task name as Marathon sets it: the app id's segments reversed, joined by dots ({@code web.prod}). */
  public static String taskName(String appId) {
    List<String> segs = new ArrayList<>(List.of(appId.substring(1).split("/")));
    Collections.reverse(segs);
    return String.join(".", segs);
  }

  private static final Pattern NOT_PORT_NAME = Pattern.compile("[^A-Z0-9]");
  private static final Pattern NOT_LABEL_NAME = Pattern.compile("[^A-Z0-9_]");

  /**
   * What every task of one app version shares, computed once per app rather than per task: the environment
   * (MARATHON_* variables, label variables, the app's env, which wins), labels, fetch URIs, name, port variable names.
   */
  public record Template(AppSpec app, Map<String, String> env, Map<String, String> labels, List<CommandInfo.FetchUri> uris,
      String name, List<String> portNameVariables, double grace) {}

  public static Template template(AppSpec app) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MARATHON_APP_ID", app.id());
    env.put("MARATHON_APP_VERSION", app.version());
    env.put("MARATHON_APP_RESOURCE_CPUS", Double.toString(app.cpus()));
    env.put("MARATHON_APP_RESOURCE_MEM", Double.toString(app.mem()));
    env.put("MARATHON_APP_RESOURCE_DISK", Double.toString(app.disk()));
    env.put("MARATHON_APP_RESOURCE_GPUS", Integer.toString((int) app.gpus()));
    env.put("MARATHON_APP_ENFORCE_GROUP_ROLE", "false");
    String image = app.definition().path("container").path("docker").path("image").asText("");
    if (!image.isEmpty()) {
      env.put("MARATHON_APP_DOCKER_IMAGE", image);
    }
    List<String> labelNames = new ArrayList<>();
    app.labels().forEach((k, v) -> {
      if (k.length() <= 512 && v.length() <= 512) {
        String name = NOT_LABEL_NAME.matcher(k.toUpperCase(Locale.ROOT)).replaceAll("_");
        labelNames.add(name);
        env.put("MARATHON_APP_LABEL_" + name, v);
      }
    });
    env.put("MARATHON_APP_LABELS", String.join(" ", labelNames));
    env.putAll(app.env());
    List<CommandInfo.FetchUri> uris = app.fetch().stream()
        .map(f -> new CommandInfo.FetchUri(f.uri(), f.extract(), f.executable(), f.cache(), f.destPath())).toList();
    Map<String, String> labels = new LinkedHashMap<>(app.labels());
    labels.put(Instance.APP_ID, app.id());
    labels.put(Instance.VERSION, app.version());
    labels.put(Instance.CONFIG_VERSION, app.configVersion());
    List<String> portNameVariables = new ArrayList<>();
    for (AppSpec.PortSpec p : app.ports()) {
      portNameVariables.add(p.name() == null || p.name().isBlank() ? null
          : "PORT_" + NOT_PORT_NAME.matcher(p.name().toUpperCase(Locale.ROOT)).replaceAll("_"));
    }
    double grace = app.killGracePeriodSeconds() == null ? TaskInfo.DEFAULT_KILL_GRACE_SECONDS : app.killGracePeriodSeconds();
    return new Template(app, env, labels, uris, taskName(app.id()), portNameVariables, grace);
  }

  public static TaskInfo build(AppSpec app, String taskId, String frameworkId, String agentId, Resources resources,
      List<Long> ports) {
    return build(template(app), taskId, frameworkId, agentId, resources, ports);
  }

  public static TaskInfo build(Template t, String taskId, String frameworkId, String agentId, Resources resources,
      List<Long> ports) {
    AppSpec app = t.app();
    Map<String, String> env = new LinkedHashMap<>();
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < ports.size(); i++) {
      String port = Long.toString(ports.get(i));
      joined.append(i == 0 ? "" : ",").append(port);
      env.put("PORT" + i, port);
      AppSpec.PortSpec spec = i < app.ports().size() ? app.ports().get(i) : null;
      if (spec != null && spec.port() != 0) {
        env.put("PORT_" + spec.port(), port);
      }
      if (i < t.portNameVariables().size() && t.portNameVariables().get(i) != null) {
        env.put(t.portNameVariables().get(i), port);
      }
    }
    if (!ports.isEmpty()) {
      env.put("PORT", Long.toString(ports.getFirst()));
      env.put("PORTS", joined.toString());
    }
    env.putAll(t.env());
    CommandInfo command = app.cmd() != null
        ? new CommandInfo(true, app.cmd(), List.of(), env, app.user(), t.uris())
        : new CommandInfo(false, null, app.args(), env, app.user(), t.uris());
    Map<String, String> labels = new LinkedHashMap<>(t.labels());
    labels.put(Instance.PORTS, joined.toString());
    // Mesos carries port labels in the task's DiscoveryInfo; Berth's TaskInfo has one label map, so the VIP labels of
    // the port definitions join the task's labels, where DNS and the load balancer find them.
    for (AppSpec.PortSpec spec : app.ports()) {
      spec.labels().forEach((k, v) -> {
        if (k.startsWith("VIP_")) {
          labels.putIfAbsent(k, v);
        }
      });
    }
    List<String> portNames = new ArrayList<>();
    List<Long> sorted = new ArrayList<>(ports);
    java.util.Collections.sort(sorted);
    for (long p : sorted) {
      int idx = ports.indexOf(p);
      String name = idx < app.ports().size() ? app.ports().get(idx).name() : null;
      portNames.add(name == null ? "" : name);
    }
    return new TaskInfo(taskId, t.name(), frameworkId, agentId, resources, command, portNames, labels, t.grace(),
        AgentHealth.of(app, ports));
  }
}
