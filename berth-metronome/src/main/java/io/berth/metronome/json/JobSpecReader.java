package io.berth.metronome.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.state.jobs.JobSpec;
import io.berth.state.jobs.RunSpec;
import io.berth.state.jobs.ScheduleSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a job definition ({@code POST /v1/jobs}, {@code PUT /v1/jobs/{id}}, {@code /v0/scheduled-jobs}) exactly as
 * Metronome validates it: the JSON schema first (unknown fields are 422), then its rules. The result is normalised:
 * every default filled in, {@code EQ} constraints stored as {@code IS}. All problems are reported at once in
 * Metronome's {@code {"message": "Object is not valid", "details": [...]}}.
 */
public final class JobSpecReader {
  /** Job ids: dot-separated segments of lowercase letters and digits, with inner hyphens. */
  public static final Pattern JOB_ID = Pattern.compile("^([a-z0-9]+(\\-+[a-z0-9]+)*)(\\.([a-z0-9]+(\\-+[a-z0-9]+)*))*$");
  private static final Set<String> JOB = Set.of("id", "description", "dependencies", "labels", "schedules", "run");

  private JobSpecReader() {}

  /**
   * Reads a job. {@code pathId} (PUT) replaces the body's id, which may then be absent; {@code v0} refuses the
   * field the v0 schema lacks ({@code run.taskKillGracePeriodSeconds}).
   */
  public static JobSpec read(JsonNode node, String pathId, boolean v0) {
    Problems p = new Problems();
    boolean ok = p.object(node, "", JOB, pathId == null ? new String[] {"id", "run"} : new String[] {"run"});
    if (!node.isObject()) {
      p.throwIfAny();
    }
    if (node.has("id")) {
      ok &= p.pattern(node.get("id"), "/id", JOB_ID);
    }
    if (node.has("description")) {
      ok &= p.string(node.get("description"), "/description");
    }
    if (node.has("labels")) {
      ok &= p.stringMap(node.get("labels"), "/labels");
    }
    List<JobSpec.Dependency> dependencies = new ArrayList<>();
    if (node.has("dependencies") && p.array(node.get("dependencies"), "/dependencies")) {
      for (int i = 0; i < node.get("dependencies").size(); i++) {
        JsonNode d = node.get("dependencies").get(i);
        String at = "/dependencies/" + i;
        if (p.object(d, at, null, "id") && p.pattern(d.get("id"), at + "/id", JOB_ID)) {
          dependencies.add(new JobSpec.Dependency(d.get("id").asText()));
        } else {
          ok = false;
        }
      }
    } else if (node.has("dependencies")) {
      ok = false;
    }
    List<ScheduleSpec> schedules = new ArrayList<>();
    if (node.has("schedules") && p.array(node.get("schedules"), "/schedules")) {
      for (int i = 0; i < node.get("schedules").size(); i++) {
        ScheduleSpec s = ScheduleReader.check(node.get("schedules").get(i), "/schedules/" + i, JOB_ID, p, null);
        if (s == null) {
          ok = false;
        } else {
          schedules.add(s);
        }
      }
    } else if (node.has("schedules")) {
      ok = false;
    }
    if (v0 && node.path("run").has("taskKillGracePeriodSeconds")) {
      p.add("/run", "Additional properties are not allowed ('taskKillGracePeriodSeconds' was unexpected)");
      ok = false;
    }
    RunSpec run = node.has("run") ? RunSpecReader.read(node.get("run"), "/run", p) : null;
    p.throwIfAny();
    if (!ok || run == null) {
      throw new IllegalStateException("schema problems were not reported");
    }
    RunSpecReader.checkRules(node.get("run"), run, "/run", p);
    checkRules(dependencies, schedules, p);
    p.throwIfAny();
    Map<String, String> labels = new LinkedHashMap<>();
    node.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    String id = pathId != null ? pathId : node.get("id").asText();
    String description = node.has("description") ? node.get("description").asText() : null;
    return new JobSpec(id, description, labels, dependencies, schedules, run);
  }

  private static void checkRules(List<JobSpec.Dependency> dependencies, List<ScheduleSpec> schedules, Problems p) {
    if (schedules.size() > 1) {
      p.add("/schedules", "Only one schedule supported at the moment");
    }
    Set<String> scheduleIds = new HashSet<>();
    schedules.forEach(s -> {
      if (!scheduleIds.add(s.id())) {
        p.add("/schedules", "A schedule with id " + s.id() + " already exists");
      }
    });
    Set<String> dependencyIds = new HashSet<>();
    dependencies.forEach(d -> {
      if (!dependencyIds.add(d.id())) {
        p.add("/dependencies", "Dependencies must be unique: " + d.id());
      }
    });
    if (!dependencies.isEmpty() && !schedules.isEmpty()) {
      p.add("/", "Jobs may not have both dependencies and schedules specified");
    }
  }

  /** A job id taken from a path: invalid ids are a 400 {@code Not a valid id: ...}. */
  public static boolean validId(String id) {
    return id != null && JOB_ID.matcher(id).matches();
  }
}
