package io.berth.state.jobs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run of a job runs, in Metronome's {@code run} shape with every default filled in (the API validates and
 * normalises before anything is stored). Field names are Metronome's, so the record renders as Metronome renders it.
 *
 * @param maxLaunchDelay seconds a run may wait for its task to be launched
 * @param taskKillGracePeriodSeconds SIGTERM to SIGKILL; null: the agent's default
 */
public record RunSpec(
    double cpus,
    double mem,
    double disk,
    int gpus,
    String cmd,
    List<String> args,
    String user,
    Map<String, EnvValue> env,
    Placement placement,
    List<Artifact> artifacts,
    long maxLaunchDelay,
    Docker docker,
    Ucr ucr,
    List<Volume> volumes,
    Restart restart,
    Map<String, Secret> secrets,
    List<Network> networks,
    Double taskKillGracePeriodSeconds) {

  public RunSpec {
    args = args == null ? null : List.copyOf(args);
    env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
    placement = placement == null ? new Placement(List.of()) : placement;
    artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
    restart = restart == null ? new Restart(RestartPolicy.NEVER, null) : restart;
    secrets = secrets == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
    networks = networks == null ? List.of() : List.copyOf(networks);
  }

  /** An environment value: plain text, or a reference to a secret of {@code secrets}. Renders as Metronome does. */
  public record EnvValue(String value, String secret) {
    public static EnvValue of(String value) {
      return new EnvValue(value, null);
    }

    @JsonValue
    public Object json() {
      return secret != null ? Map.of("secret", secret) : value;
    }

    @JsonCreator
    public static EnvValue fromJson(Object json) {
      if (json instanceof Map<?, ?> m) {
        Object s = m.get("secret");
        return new EnvValue(null, s == null ? null : s.toString());
      }
      return new EnvValue(json == null ? null : json.toString(), null);
    }
  }

  public record Secret(String source) {}

  public record Placement(List<PlacementConstraint> constraints) {
    public Placement {
      constraints = constraints == null ? List.of() : List.copyOf(constraints);
    }
  }

  /** {@code operator} is IS, LIKE or UNLIKE (EQ is stored as IS); {@code value} may be null. */
  public record PlacementConstraint(String attribute, String operator, String value) {}

  public record Artifact(String uri, boolean extract, boolean executable, boolean cache) {}

  public record Docker(String image, boolean forcePullImage, boolean privileged, List<DockerParameter> parameters) {
    public Docker {
      parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }
  }

  public record DockerParameter(String key, String value) {}

  public record Ucr(UcrImage image, boolean privileged) {}

  /** {@code kind} is docker or appc. */
  public record UcrImage(String id, String kind, boolean forcePull) {}

  /** A host volume ({@code hostPath}, {@code mode}) or a secret volume ({@code secret}). */
  public record Volume(String containerPath, String hostPath, String mode, String secret) {}

  /** {@code mode} is host, container/bridge or container. */
  public record Network(String mode, String name, Map<String, String> labels) {
    public Network {
      labels = labels == null ? null : Map.copyOf(labels);
    }
  }

  public record Restart(RestartPolicy policy, Long activeDeadlineSeconds) {}

  public enum RestartPolicy { NEVER, ON_FAILURE }
}
