package io.berth.metronome.run;

import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskInfo;
import io.berth.state.image.ClusterImage;
import io.berth.state.image.Task;
import io.berth.state.jobs.JobRun;
import io.berth.state.jobs.RunSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How runs and Mesos tasks belong together: a run's task is named {@code <job id with _ for .>_<run id>.<uuid>}
 * (as Metronome names it) and carries the job and run ids as labels, so a new leader finds a run's tasks in the
 * cluster image and adopts them instead of launching again. Pure.
 */
public final class RunTasks {
  public static final String JOB_LABEL = "metronome.job";
  public static final String RUN_LABEL = "metronome.run";

  private RunTasks() {}

  /** The key of a run in {@link #byRun}. */
  public static String key(String jobId, String runId) {
    return jobId + "/" + runId;
  }

  /** The tasks of the framework grouped by run, oldest first. */
  public static Map<String, List<Task>> byRun(ClusterImage image, String frameworkId) {
    Map<String, List<Task>> byRun = new HashMap<>();
    for (Task t : image.tasks().values()) {
      if (!frameworkId.equals(t.info().frameworkId())) {
        continue;
      }
      String job = t.info().labels().get(JOB_LABEL);
      String run = t.info().labels().get(RUN_LABEL);
      if (job != null && run != null) {
        byRun.computeIfAbsent(key(job, run), k -> new ArrayList<>()).add(t);
      }
    }
    return byRun;
  }

  public static List<Task> of(ClusterImage image, String frameworkId, JobRun run) {
    return image.tasks().values().stream()
        .filter(t -> frameworkId.equals(t.info().frameworkId()))
        .filter(t -> run.jobId().equals(t.info().labels().get(JOB_LABEL)) && run.id().equals(t.info().labels().get(RUN_LABEL)))
        .toList();
  }

  /** What one task of the run needs from an agent. */
  public static Resources demand(RunSpec spec) {
    return new Resources(spec.cpus(), spec.mem(), spec.disk(), spec.gpus(), PortRanges.NONE);
  }

  /** The task that runs {@code run} on {@code agentId}. */
  public static TaskInfo task(JobRun run, String taskUuid, String frameworkId, String agentId) {
    RunSpec spec = run.spec();
    Map<String, String> env = new LinkedHashMap<>();
    spec.env().forEach((k, v) -> {
      if (v.value() != null) {
        env.put(k, v.value());
      }
    });
    List<CommandInfo.FetchUri> uris = spec.artifacts().stream()
        .map(a -> new CommandInfo.FetchUri(a.uri(), a.extract(), a.executable(), a.cache(), null)).toList();
    CommandInfo command = spec.cmd() != null
        ? new CommandInfo(true, spec.cmd(), List.of(), env, spec.user(), uris)
        : new CommandInfo(false, spec.args().getFirst(), spec.args(), env, spec.user(), uris);
    String taskId = run.jobId().replace('.', '_') + "_" + run.id() + "." + taskUuid;
    return new TaskInfo(taskId, run.jobId(), frameworkId, agentId, demand(spec), command, List.of(),
        Map.of(JOB_LABEL, run.jobId(), RUN_LABEL, run.id()),
        spec.taskKillGracePeriodSeconds() == null ? TaskInfo.DEFAULT_KILL_GRACE_SECONDS : spec.taskKillGracePeriodSeconds());
  }

  /**
   * Why this run cannot be launched on this Berth yet, or null when it can. Such runs fail at once rather than run
   * without what they asked for (an image, a volume, a secret).
   */
  public static String unsupported(RunSpec spec) {
    if (spec.docker() != null || spec.ucr() != null) {
      return "container images (docker, ucr) are stored but not run yet";
    }
    if (!spec.volumes().isEmpty()) {
      return "volumes are stored but not mounted yet";
    }
    if (!spec.secrets().isEmpty()) {
      return "secrets are stored but not injected yet";
    }
    if (spec.cmd() == null && (spec.args() == null || spec.args().isEmpty())) {
      return "nothing to run";
    }
    return null;
  }
}
