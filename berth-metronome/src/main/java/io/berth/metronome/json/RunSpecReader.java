package io.berth.metronome.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.state.jobs.RunSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a job's {@code run} object: first exactly as Metronome's JSON schema ({@code additionalProperties: false}
 * everywhere, required {@code cpus}, {@code mem}, {@code disk}, minima, enums), then Metronome's cross-field rules
 * (something to run, docker xor ucr, secrets referenced and defined, volume shapes, networks).
 */
final class RunSpecReader {
  private static final Set<String> RUN = Set.of("args", "artifacts", "cmd", "cpus", "gpus", "disk", "networks", "ucr",
      "docker", "env", "maxLaunchDelay", "mem", "placement", "user", "taskKillGracePeriodSeconds", "restart", "volumes",
      "secrets");
  private static final long DEFAULT_MAX_LAUNCH_DELAY = 3600;

  private RunSpecReader() {}

  /** The run at {@code path}, or null when it has problems (all of them added). */
  static RunSpec read(JsonNode run, String path, Problems p) {
    boolean ok = p.object(run, path, RUN, "cpus", "mem", "disk");
    if (!run.isObject()) {
      return null;
    }
    ok &= p.number(run.get("cpus"), path + "/cpus", 0.01);
    ok &= p.number(run.get("mem"), path + "/mem", 32.0);
    ok &= p.number(run.get("disk"), path + "/disk", 0.0);
    ok &= optional(run, "gpus", n -> p.integer(n, path + "/gpus", 0L));
    ok &= optional(run, "cmd", n -> p.string(n, path + "/cmd", 1));
    ok &= optional(run, "user", n -> p.string(n, path + "/user"));
    ok &= optional(run, "maxLaunchDelay", n -> p.integer(n, path + "/maxLaunchDelay", 1L));
    ok &= optional(run, "taskKillGracePeriodSeconds", n -> p.number(n, path + "/taskKillGracePeriodSeconds", null));
    ok &= optional(run, "args", n -> each(n, path + "/args", p, (item, at) -> p.string(item, at)));
    ok &= optional(run, "artifacts", n -> each(n, path + "/artifacts", p, (a, at) ->
        p.object(a, at, Set.of("uri", "executable", "extract", "cache"), "uri") & p.string(a.get("uri"), at + "/uri")
            & bools(a, at, p, "executable", "extract", "cache")));
    ok &= optional(run, "networks", n -> each(n, path + "/networks", p, (net, at) ->
        p.object(net, at, Set.of("name", "mode", "labels"), "mode")
            & p.oneOf(net.get("mode"), at + "/mode", List.of("host", "container/bridge", "container"))
            & (!net.has("name") || p.string(net.get("name"), at + "/name"))
            & (!net.has("labels") || p.stringMap(net.get("labels"), at + "/labels"))));
    ok &= optional(run, "ucr", n -> p.object(n, path + "/ucr", Set.of("image", "privileged"), "image")
        && p.object(n.get("image"), path + "/ucr/image", Set.of("id", "kind", "forcePull"), "id")
            & p.string(n.get("image").path("id"), path + "/ucr/image/id")
            & (!n.get("image").has("kind") || p.oneOf(n.get("image").get("kind"), path + "/ucr/image/kind", List.of("docker", "appc")))
            & bools(n.get("image"), path + "/ucr/image", p, "forcePull") & bools(n, path + "/ucr", p, "privileged"));
    ok &= optional(run, "docker", n -> p.object(n, path + "/docker", Set.of("image", "forcePullImage", "privileged", "parameters"), "image")
        && p.string(n.get("image"), path + "/docker/image") & bools(n, path + "/docker", p, "forcePullImage", "privileged")
            & (!n.has("parameters") || each(n.get("parameters"), path + "/docker/parameters", p, (kv, at) ->
                p.object(kv, at, Set.of("key", "value"), "key", "value") && p.string(kv.get("key"), at + "/key")
                    & p.string(kv.get("value"), at + "/value"))));
    ok &= optional(run, "env", n -> p.object(n, path + "/env", null) && entries(n, path + "/env", (v, at) -> {
      if (v.isTextual() || (v.isObject() && (!v.has("secret") || p.string(v.get("secret"), at + "/secret")))) {
        return true;
      }
      p.add(at, Problems.show(v) + " is not valid under any of the given schemas");
      return false;
    }));
    ok &= optional(run, "placement", n -> p.object(n, path + "/placement", Set.of("constraints"))
        && (!n.has("constraints") || each(n.get("constraints"), path + "/placement/constraints", p, (c, at) ->
            p.object(c, at, Set.of("attribute", "operator", "value"), "attribute", "operator")
                && p.string(c.get("attribute"), at + "/attribute")
                & p.oneOf(c.get("operator"), at + "/operator", List.of("IS", "EQ", "LIKE", "UNLIKE"))
                & (!c.has("value") || p.string(c.get("value"), at + "/value")))));
    ok &= optional(run, "restart", n -> p.object(n, path + "/restart", Set.of("policy", "activeDeadlineSeconds"), "policy")
        && p.oneOf(n.get("policy"), path + "/restart/policy", List.of("NEVER", "ON_FAILURE"))
            & (!n.has("activeDeadlineSeconds") || p.integer(n.get("activeDeadlineSeconds"), path + "/restart/activeDeadlineSeconds", null)));
    ok &= optional(run, "volumes", n -> each(n, path + "/volumes", p, (v, at) ->
        p.object(v, at, Set.of("containerPath", "hostPath", "mode", "secret"), "containerPath")
            && p.string(v.get("containerPath"), at + "/containerPath", 1)
            & (!v.has("hostPath") || p.string(v.get("hostPath"), at + "/hostPath", 1))
            & (!v.has("mode") || p.oneOf(v.get("mode"), at + "/mode", List.of("RO", "RW")))
            & (!v.has("secret") || p.string(v.get("secret"), at + "/secret", 1))));
    ok &= optional(run, "secrets", n -> p.object(n, path + "/secrets", null) && entries(n, path + "/secrets", (s, at) ->
        p.object(s, at, null) && (!s.has("source") || p.string(s.get("source"), at + "/source"))));
    return ok ? build(run) : null;
  }

  private static RunSpec build(JsonNode run) {
    List<String> args = null;
    if (run.has("args")) {
      args = new ArrayList<>();
      for (JsonNode a : run.get("args")) {
        args.add(a.asText());
      }
    }
    Map<String, RunSpec.EnvValue> env = new LinkedHashMap<>();
    run.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().isTextual()
        ? RunSpec.EnvValue.of(e.getValue().asText()) : new RunSpec.EnvValue(null, e.getValue().path("secret").asText(""))));
    Map<String, RunSpec.Secret> secrets = new LinkedHashMap<>();
    run.path("secrets").fields().forEachRemaining(e ->
        secrets.put(e.getKey(), new RunSpec.Secret(text(e.getValue(), "source"))));
    List<RunSpec.PlacementConstraint> constraints = new ArrayList<>();
    for (JsonNode c : run.path("placement").path("constraints")) {
      String op = c.get("operator").asText();
      constraints.add(new RunSpec.PlacementConstraint(c.get("attribute").asText(), op.equals("EQ") ? "IS" : op, text(c, "value")));
    }
    List<RunSpec.Artifact> artifacts = new ArrayList<>();
    for (JsonNode a : run.path("artifacts")) {
      artifacts.add(new RunSpec.Artifact(a.get("uri").asText(), a.path("extract").asBoolean(true),
          a.path("executable").asBoolean(false), a.path("cache").asBoolean(false)));
    }
    RunSpec.Docker docker = null;
    if (run.has("docker")) {
      JsonNode d = run.get("docker");
      List<RunSpec.DockerParameter> params = new ArrayList<>();
      d.path("parameters").forEach(kv -> params.add(new RunSpec.DockerParameter(kv.get("key").asText(), kv.get("value").asText())));
      docker = new RunSpec.Docker(d.get("image").asText(), d.path("forcePullImage").asBoolean(false),
          d.path("privileged").asBoolean(false), params);
    }
    RunSpec.Ucr ucr = null;
    if (run.has("ucr")) {
      JsonNode image = run.get("ucr").get("image");
      ucr = new RunSpec.Ucr(new RunSpec.UcrImage(image.get("id").asText(), image.path("kind").asText("docker"),
          image.path("forcePull").asBoolean(false)), run.get("ucr").path("privileged").asBoolean(false));
    }
    List<RunSpec.Volume> volumes = new ArrayList<>();
    for (JsonNode v : run.path("volumes")) {
      volumes.add(new RunSpec.Volume(v.get("containerPath").asText(), text(v, "hostPath"), text(v, "mode"), text(v, "secret")));
    }
    List<RunSpec.Network> networks = new ArrayList<>();
    for (JsonNode n : run.path("networks")) {
      Map<String, String> labels = null;
      if (n.has("labels")) {
        labels = new LinkedHashMap<>();
        for (var it = n.get("labels").fields(); it.hasNext(); ) {
          var e = it.next();
          labels.put(e.getKey(), e.getValue().asText());
        }
      }
      networks.add(new RunSpec.Network(n.get("mode").asText(), text(n, "name"), labels));
    }
    JsonNode restart = run.path("restart");
    RunSpec.Restart rs = restart.isMissingNode() ? null : new RunSpec.Restart(
        RunSpec.RestartPolicy.valueOf(restart.get("policy").asText()),
        restart.has("activeDeadlineSeconds") ? restart.get("activeDeadlineSeconds").asLong() : null);
    return new RunSpec(run.get("cpus").asDouble(), run.get("mem").asDouble(), run.get("disk").asDouble(),
        run.path("gpus").asInt(0), text(run, "cmd"), args, text(run, "user"), env, new RunSpec.Placement(constraints),
        artifacts, run.path("maxLaunchDelay").asLong(DEFAULT_MAX_LAUNCH_DELAY), docker, ucr, volumes, rs, secrets, networks,
        run.has("taskKillGracePeriodSeconds") ? run.get("taskKillGracePeriodSeconds").asDouble() : null);
  }

  /** Metronome's cross-field rules on a run that passed the schema. */
  static void checkRules(JsonNode raw, RunSpec run, String path, Problems p) {
    if (run.cmd() == null && run.docker() == null && run.ucr() == null) {
      p.add(path, "Cmd, Docker or UCR image must be specified");
    }
    if (run.docker() != null && run.ucr() != null) {
      p.add(path, "Either Docker or UCR should be provided, but not both");
    }
    if (run.docker() != null && run.gpus() > 0) {
      p.add(path + "/gpus", "GPUs are not supported with Docker");
    }
    Set<String> referenced = new TreeSet<>();
    run.env().values().stream().filter(v -> v.secret() != null).forEach(v -> referenced.add(v.secret()));
    for (int i = 0; i < run.volumes().size(); i++) {
      JsonNode v = raw.path("volumes").get(i);
      Set<String> keys = new TreeSet<>();
      v.fieldNames().forEachRemaining(keys::add);
      boolean host = keys.equals(Set.of("containerPath", "hostPath", "mode"));
      boolean secret = keys.equals(Set.of("containerPath", "secret"));
      if (!host && !secret) {
        p.add(path + "/volumes/" + i, "expected HostVolume or SecretVolume object but got " + v);
      } else if (secret) {
        referenced.add(run.volumes().get(i).secret());
        if (run.ucr() == null) {
          p.add(path + "/volumes/" + i, "File based secrets are only supported by UCR");
        }
      }
    }
    Set<String> undefined = new TreeSet<>(referenced);
    undefined.removeAll(run.secrets().keySet());
    Set<String> unused = new TreeSet<>(run.secrets().keySet());
    unused.removeAll(referenced);
    if (!undefined.isEmpty()) {
      p.add(path + "/secrets", "The following secrets are referenced, but undefined: " + String.join(", ", undefined));
    }
    if (!unused.isEmpty()) {
      p.add(path + "/secrets", "The following secrets are defined, but not referenced: " + String.join(", ", unused));
    }
    for (int i = 0; i < run.placement().constraints().size(); i++) {
      RunSpec.PlacementConstraint c = run.placement().constraints().get(i);
      String at = path + "/placement/constraints/" + i;
      if (c.value() == null) {
        p.add(at + "/value", c.operator() + " requires a value");
      } else if (!c.operator().equals("IS")) {
        try {
          Pattern.compile(c.value());
        } catch (PatternSyntaxException e) {
          p.add(at + "/value", "'" + c.value() + "' is not a valid regular expression");
        }
      }
    }
    NetworkRules.check(run, path + "/networks", p);
  }

  private interface Check {
    boolean test(JsonNode node, String path);
  }

  private static boolean optional(JsonNode parent, String field, java.util.function.Predicate<JsonNode> check) {
    JsonNode n = parent.get(field);
    return n == null || check.test(n);
  }

  private static boolean each(JsonNode array, String path, Problems p, Check check) {
    if (!p.array(array, path)) {
      return false;
    }
    boolean ok = true;
    for (int i = 0; i < array.size(); i++) {
      ok &= check.test(array.get(i), path + "/" + i);
    }
    return ok;
  }

  private static boolean entries(JsonNode object, String path, Check check) {
    boolean ok = true;
    for (var it = object.fields(); it.hasNext(); ) {
      var e = it.next();
      ok &= check.test(e.getValue(), path + "/" + Problems.escape(e.getKey()));
    }
    return ok;
  }

  private static boolean bools(JsonNode node, String path, Problems p, String... fields) {
    boolean ok = true;
    for (String f : fields) {
      ok &= !node.has(f) || p.bool(node.get(f), path + "/" + f);
    }
    return ok;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
