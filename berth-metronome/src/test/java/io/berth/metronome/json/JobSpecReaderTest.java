package io.berth.metronome.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.common.json.Json;
import io.berth.state.jobs.JobSpec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Metronome's validation: the schema's strictness and messages, then its cross-field rules. */
class JobSpecReaderTest {
  static JsonNode json(String text) {
    return Json.tree(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  static JsonNode job(String run) {
    return json("{'id': 'a.b', 'run': {'cpus': 0.1, 'mem': 32, 'disk': 0" + run + "}}");
  }

  static BerthException.Detail problem(JsonNode body) {
    BerthException e = org.junit.jupiter.api.Assertions.assertThrows(BerthException.class, () -> JobSpecReader.read(body, null, false));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID);
    assertThat(e.details()).hasSize(1);
    return e.details().getFirst();
  }

  @Test
  void aMinimalJobGetsEveryDefault() {
    JobSpec spec = JobSpecReader.read(job(", 'cmd': 'echo hi'"), null, false);
    assertThat(spec.run().maxLaunchDelay()).isEqualTo(3600);
    assertThat(spec.run().restart().policy().name()).isEqualTo("NEVER");
    JsonNode out = JobJson.spec(spec, s -> java.util.Optional.empty());
    assertThat(out.path("run").fieldNames()).toIterable().containsExactly("cpus", "mem", "disk", "gpus", "cmd", "env",
        "placement", "artifacts", "maxLaunchDelay", "volumes", "restart", "secrets", "networks");
    assertThat(out.has("description")).isFalse();
    assertThat(out.path("labels").isObject()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "{'id': 'a', 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'cmd': 'x'}, 'foo': 1}|/|Additional properties are not allowed ('foo' was unexpected)",
      "{'id': 'a', 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'cmd': 'x', 'bar': 1}}|/run|Additional properties are not allowed ('bar' was unexpected)",
      "{'id': 'A', 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'cmd': 'x'}}|/id|'A' does not match '^([a-z0-9]+(\\-+[a-z0-9]+)*)(\\.([a-z0-9]+(\\-+[a-z0-9]+)*))*$'",
      "{'id': 'a-', 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'cmd': 'x'}}|/id|'a-' does not match '^([a-z0-9]+(\\-+[a-z0-9]+)*)(\\.([a-z0-9]+(\\-+[a-z0-9]+)*))*$'",
      "{'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'cmd': 'x'}}|/id|'id' is a required property",
      "{'id': 'a', 'run': {'cpus': 0.001, 'mem': 32, 'disk': 0, 'cmd': 'x'}}|/run/cpus|0.001 is less than the minimum of 0.01",
      "{'id': 'a', 'run': {'cpus': 1, 'mem': 16, 'disk': 0, 'cmd': 'x'}}|/run/mem|16 is less than the minimum of 32",
      "{'id': 'a', 'run': {'cpus': 'lots', 'mem': 32, 'disk': 0, 'cmd': 'x'}}|/run/cpus|'lots' is not of type 'number'",
      "{'id': 'a', 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'cmd': ''}}|/run/cmd|'' is too short",
      "{'id': 'a', 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'cmd': 'x', 'maxLaunchDelay': 0}}|/run/maxLaunchDelay|0 is less than the minimum of 1",
      "{'id': 'a', 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'cmd': 'x', 'restart': {'policy': 'ALWAYS'}}}|/run/restart/policy|'ALWAYS' is not one of ['NEVER', 'ON_FAILURE']",
      "{'id': 'a', 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'cmd': 'x', 'restart': {}}}|/run/restart/policy|'policy' is a required property",
      "{'id': 'a', 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'cmd': 'x', 'artifacts': [{'uri': 'u', 'destPath': 'd'}]}}|/run/artifacts/0|Additional properties are not allowed ('destPath' was unexpected)",
      "{'id': 'a', 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'cmd': 'x', 'placement': {'constraints': [{'attribute': 'r', 'operator': 'UNIQUE'}]}}}|/run/placement/constraints/0/operator|'UNIQUE' is not one of ['IS', 'EQ', 'LIKE', 'UNLIKE']",
      "{'id': 'a', 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'cmd': 'x', 'labels': {}}}|/run|Additional properties are not allowed ('labels' was unexpected)",
      "{'id': 'a', 'labels': {'k': 1}, 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'cmd': 'x'}}|/labels/k|1 is not of type 'string'",
      "{'id': 'a', 'run': {'cpus': 1, 'mem': 32, 'disk': 0}}|/run|Cmd, Docker or UCR image must be specified",
      "{'id': 'a', 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'args': ['x']}}|/run|Cmd, Docker or UCR image must be specified",
      "{'id': 'a', 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'docker': {'image': 'i'}, 'ucr': {'image': {'id': 'i'}}}}|/run|Either Docker or UCR should be provided, but not both",
      "{'id': 'a', 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'gpus': 1, 'docker': {'image': 'i'}}}|/run/gpus|GPUs are not supported with Docker",
      "{'id': 'a', 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'cmd': 'x', 'env': {'E': {'secret': 's'}}}}|/run/secrets|The following secrets are referenced, but undefined: s",
      "{'id': 'a', 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'cmd': 'x', 'secrets': {'s': {'source': '/x'}}}}|/run/secrets|The following secrets are defined, but not referenced: s",
      "{'id': 'a', 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'cmd': 'x', 'volumes': [{'containerPath': 'c', 'hostPath': 'h'}]}}|/run/volumes/0|expected HostVolume or SecretVolume object but got {'containerPath':'c','hostPath':'h'}",
      "{'id': 'a', 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'cmd': 'x', 'networks': [{'mode': 'host'}, {'mode': 'container', 'name': 'n'}]}}|/run/networks|You may not mix host, container, or container/bridge networking",
      "{'id': 'a', 'schedules': [{'id': 's', 'cron': '* * * * *'}], 'dependencies': [{'id': 'b'}], 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'cmd': 'x'}}|/|Jobs may not have both dependencies and schedules specified",
      "{'id': 'a', 'schedules': [{'id': 's', 'cron': '0 0 31 2 *'}], 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'cmd': 'x'}}|/schedules/0/cron|Cron expression never fires: 0 0 31 2 *",
      "{'id': 'a', 'schedules': [{'id': 's', 'cron': '* * *'}], 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'cmd': 'x'}}|/schedules/0/cron|Cron expression is invalid: * * *",
      "{'id': 'a', 'schedules': [{'id': 's', 'cron': '* * * * *', 'timezone': 'Mars/Base'}], 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'cmd': 'x'}}|/schedules/0/timezone|Invalid time zone: Mars/Base",
      "{'id': 'a', 'schedules': [{'id': 's', 'cron': '* * * * *', 'concurrencyPolicy': 'REPLACE'}], 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'cmd': 'x'}}|/schedules/0/concurrencyPolicy|'REPLACE' is not one of ['ALLOW', 'FORBID']",
      "{'id': 'a', 'schedules': [{'id': 's', 'cron': '* * * * *'}, {'id': 't', 'cron': '* * * * *'}], 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'cmd': 'x'}}|/schedules|Only one schedule supported at the moment",
  })
  void badJobsAreRefusedWithMetronomesMessage(String body, String path, String message) {
    BerthException.Detail d = problem(json(body));
    assertThat(d.path()).isEqualTo(path);
    assertThat(d.errors().getFirst().replace('"', '\'')).startsWith(message);
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatThrownBy(() -> JobSpecReader.read(json("{'id': 'A', 'x': 1, 'run': {'cpus': 0, 'mem': 1}}"), null, false))
        .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.details()).extracting(BerthException.Detail::path)
            .contains("/", "/id", "/run/cpus", "/run/mem", "/run/disk"));
  }

  @Test
  void scheduleRoundTripsWithNextRunAtAndThePathIdWinsOnPut() {
    JsonNode body = json("{'id': 'other', 'schedules': [{'id': 's', 'cron': '* * * * *', 'nextRunAt': 'x'}],"
        + " 'run': {'cpus': 1, 'mem': 32, 'disk': 0, 'cmd': 'x'}}");
    assertThat(JobSpecReader.read(body, "a.b", false).id()).isEqualTo("a.b");
    assertThat(JobSpecReader.read(body, null, true).id()).isEqualTo("other");
    JsonNode v0 = job(", 'cmd': 'x', 'taskKillGracePeriodSeconds': 3");
    assertThatThrownBy(() -> JobSpecReader.read(v0, null, true)).isInstanceOf(BerthException.class);
    assertThat(JobSpecReader.read(v0, null, false).run().taskKillGracePeriodSeconds()).isEqualTo(3.0);
  }

  @Test
  void standaloneScheduleIdsNeedTwoCharacters() {
    assertThatThrownBy(() -> ScheduleReader.read(json("{'id': 'a', 'cron': '* * * * *'}"), null))
        .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.details().getFirst().path()).isEqualTo("/id"));
    assertThat(ScheduleReader.read(json("{'cron': '0 * * * *', 'enabled': false}"), "from-path").id()).isEqualTo("from-path");
  }
}
