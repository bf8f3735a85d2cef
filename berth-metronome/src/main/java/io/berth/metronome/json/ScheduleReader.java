package io.berth.metronome.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.metronome.schedule.CronSchedule;
import io.berth.state.jobs.ScheduleSpec;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a schedule (standalone, {@code POST /v1/jobs/{id}/schedules}, or embedded in a job) as Metronome's schemas
 * and validators do: unknown fields are allowed (so a schedule read back with {@code nextRunAt} can be sent again),
 * the cron expression and time zone must parse, defaults are filled in.
 */
public final class ScheduleReader {
  /** The standalone schedule schema's id: at least two characters. */
  static final Pattern STANDALONE_ID = Pattern.compile("^([a-z0-9][a-z0-9\\-]*[a-z0-9]+)$");

  private ScheduleReader() {}

  /** A standalone schedule; {@code idOverride} (the path's id on PUT) replaces the body's id when given. */
  public static ScheduleSpec read(JsonNode node, String idOverride) {
    Problems problems = new Problems();
    ScheduleSpec spec = check(node, "", idOverride == null ? STANDALONE_ID : null, problems, idOverride);
    problems.throwIfAny();
    return spec;
  }

  /** Checks one schedule at {@code path}; returns it (defaults filled) when it is valid, else null. */
  static ScheduleSpec check(JsonNode node, String path, Pattern idPattern, Problems problems, String idOverride) {
    if (!problems.object(node, path, null, idOverride == null ? new String[] {"id", "cron"} : new String[] {"cron"})) {
      return null;
    }
    boolean ok = true;
    if (idOverride == null) {
      ok &= problems.pattern(node.get("id"), path + "/id", idPattern);
    }
    ok &= problems.string(node.get("cron"), path + "/cron");
    JsonNode tz = node.get("timezone");
    ok &= tz == null || problems.string(tz, path + "/timezone");
    JsonNode deadline = node.get("startingDeadlineSeconds");
    ok &= deadline == null || problems.integer(deadline, path + "/startingDeadlineSeconds", 1L);
    JsonNode policy = node.get("concurrencyPolicy");
    ok &= policy == null || problems.oneOf(policy, path + "/concurrencyPolicy", List.of("ALLOW", "FORBID"));
    JsonNode enabled = node.get("enabled");
    ok &= enabled == null || problems.bool(enabled, path + "/enabled");
    if (!ok) {
      return null;
    }
    String timezone = tz == null ? "UTC" : tz.asText();
    try {
      CronSchedule.parse(node.get("cron").asText(), timezone);
    } catch (IllegalArgumentException e) {
      problems.add(path + (e.getMessage().startsWith("Invalid time zone") ? "/timezone" : "/cron"), e.getMessage());
      return null;
    }
    return new ScheduleSpec(idOverride != null ? idOverride : node.get("id").asText(), node.get("cron").asText().strip(),
        timezone, deadline == null ? ScheduleSpec.DEFAULT_STARTING_DEADLINE_SECONDS : deadline.asLong(),
        policy == null ? ScheduleSpec.ConcurrencyPolicy.ALLOW : ScheduleSpec.ConcurrencyPolicy.valueOf(policy.asText()),
        enabled == null || enabled.asBoolean());
  }
}
