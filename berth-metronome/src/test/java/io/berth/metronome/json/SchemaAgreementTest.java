package io.berth.metronome.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.berth.common.error.BerthException;
import io.berth.common.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our validator and Metronome's own JSON schemas (the corpus' {@code *.schema.json}, run by a JSON-schema library)
 * accept and refuse the same documents. The documents here pass Metronome's cross-field rules, so only the schema
 * decides.
 */
class SchemaAgreementTest {
  static final Schema JOB = schema("api-v1-schema__jobspec.schema.json");
  static final Schema SCHEDULE = schema("api-v1-schema__schedulespec.schema.json");
  static final String RUN = "'cpus': 0.5, 'mem': 64, 'disk': 0, 'cmd': 'x'";

  static Schema schema(String file) {
    try {
      // "$schema": "http://json-schema.org/schema#" names no dialect the library knows: read it as draft 4
      String text = Files.readString(CompatCorpusTest.CORPUS.resolve(file)).replace("\"$schema\": \"http://json-schema.org/schema#\",", "");
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(text, InputFormat.JSON);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean weAccept(String json, boolean schedule) {
    try {
      if (schedule) {
        ScheduleReader.read(Json.tree(json.getBytes(StandardCharsets.UTF_8)), null);
      } else {
        JobSpecReader.read(Json.tree(json.getBytes(StandardCharsets.UTF_8)), null, false);
      }
      return true;
    } catch (BerthException e) {
      return false;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "api-v0-examples__job.json", "api-v1-examples__job.json", "api-v1-examples__job_docker_param.json",
      "api-v1-examples__job_file_based_secrets.json", "api-v1-examples__job_secrets.json", "api-v1-examples__job_ucr.json"})
  void corpusJobs(String file) throws IOException {
    String json = Files.readString(CompatCorpusTest.CORPUS.resolve(file));
    assertThat(weAccept(json, false)).isEqualTo(JOB.validate(json, InputFormat.JSON).isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{'id': 'a', 'run': {" + RUN + "}}",
      "{'id': 'a.b-c.d--e', 'description': 'x', 'labels': {'a': 'b'}, 'run': {" + RUN + ", 'gpus': 0, 'user': 'u',"
          + " 'args': ['a'], 'maxLaunchDelay': 1, 'taskKillGracePeriodSeconds': 2.5,"
          + " 'artifacts': [{'uri': 'u', 'extract': false, 'executable': true, 'cache': true}],"
          + " 'restart': {'policy': 'ON_FAILURE', 'activeDeadlineSeconds': 5},"
          + " 'volumes': [{'containerPath': '/c', 'hostPath': '/h', 'mode': 'RO'}],"
          + " 'placement': {'constraints': [{'attribute': '@hostname', 'operator': 'LIKE', 'value': 'a.*'}]},"
          + " 'env': {'A': 'b', 'S': {'secret': 's'}}, 'secrets': {'s': {'source': '/x'}}}}",
      "{'id': 'a', 'schedules': [{'id': 'n', 'cron': '* * * * *', 'timezone': 'UTC', 'startingDeadlineSeconds': 1,"
          + " 'concurrencyPolicy': 'FORBID', 'enabled': false, 'nextRunAt': 'kept from a GET'}], 'run': {" + RUN + "}}",
      "{'id': 'a', 'run': {" + RUN + ", 'networks': [{'mode': 'container/bridge', 'labels': {'a': 'b'}}], 'docker': {'image': 'i', 'parameters': [{'key': 'k', 'value': 'v'}]}}}",
      "{'id': 'a', 'run': {" + RUN + ", 'ucr': {'image': {'id': 'i', 'kind': 'appc', 'forcePull': true}, 'privileged': true}}}",
      "{'id': 'a', 'dependencies': [{'id': 'b'}], 'run': {" + RUN + "}}",
      "{'id': 'A', 'run': {" + RUN + "}}",
      "{'id': '-a', 'run': {" + RUN + "}}",
      "{'id': 'a..b', 'run': {" + RUN + "}}",
      "{'id': 'a/b', 'run': {" + RUN + "}}",
      "{'id': 'a_b', 'run': {" + RUN + "}}",
      "{'id': '', 'run': {" + RUN + "}}",
      "{'run': {" + RUN + "}}",
      "{'id': 'a'}",
      "{'id': 'a', 'run': {" + RUN + "}, 'unknown': true}",
      "{'id': 'a', 'run': {" + RUN + ", 'unknown': true}}",
      "{'id': 'a', 'run': {'cpus': 0.5, 'mem': 64, 'cmd': 'x'}}",
      "{'id': 'a', 'run': {'cpus': 0.001, 'mem': 64, 'disk': 0, 'cmd': 'x'}}",
      "{'id': 'a', 'run': {'cpus': 0.5, 'mem': 31, 'disk': 0, 'cmd': 'x'}}",
      "{'id': 'a', 'run': {'cpus': 0.5, 'mem': 64, 'disk': -1, 'cmd': 'x'}}",
      "{'id': 'a', 'run': {'cpus': '1', 'mem': 64, 'disk': 0, 'cmd': 'x'}}",
      "{'id': 'a', 'run': {" + RUN + ", 'gpus': 1.5}}",
      "{'id': 'a', 'run': {" + RUN + ", 'maxLaunchDelay': 0}}",
      "{'id': 'a', 'run': {'cpus': 0.5, 'mem': 64, 'disk': 0, 'cmd': ''}}",
      "{'id': 'a', 'run': {" + RUN + ", 'args': [1]}}",
      "{'id': 'a', 'run': {" + RUN + ", 'user': 7}}",
      "{'id': 'a', 'run': {" + RUN + ", 'restart': {'policy': 'ALWAYS'}}}",
      "{'id': 'a', 'run': {" + RUN + ", 'restart': {'activeDeadlineSeconds': 5}}}",
      "{'id': 'a', 'run': {" + RUN + ", 'restart': {'policy': 'NEVER', 'x': 1}}}",
      "{'id': 'a', 'run': {" + RUN + ", 'artifacts': [{'extract': true}]}}",
      "{'id': 'a', 'run': {" + RUN + ", 'artifacts': [{'uri': 'u', 'destPath': 'p'}]}}",
      "{'id': 'a', 'run': {" + RUN + ", 'volumes': [{'containerPath': '', 'hostPath': '/h', 'mode': 'RO'}]}}",
      "{'id': 'a', 'run': {" + RUN + ", 'volumes': [{'containerPath': '/c', 'hostPath': '/h', 'mode': 'RX'}]}}",
      "{'id': 'a', 'run': {" + RUN + ", 'placement': {'constraints': [{'attribute': 'r', 'operator': 'UNIQUE'}]}}}",
      "{'id': 'a', 'run': {" + RUN + ", 'placement': {'constraints': [{'operator': 'IS', 'value': 'v'}]}}}",
      "{'id': 'a', 'run': {" + RUN + ", 'placement': {'rules': []}}}",
      "{'id': 'a', 'run': {" + RUN + ", 'docker': {'forcePullImage': true}}}",
      "{'id': 'a', 'run': {" + RUN + ", 'docker': {'image': 'i', 'network': 'HOST'}}}",
      "{'id': 'a', 'run': {" + RUN + ", 'ucr': {'image': {'id': 'i', 'kind': 'oci'}}}}",
      "{'id': 'a', 'run': {" + RUN + ", 'networks': [{'name': 'n'}]}}",
      "{'id': 'a', 'run': {" + RUN + ", 'networks': [{'mode': 'overlay'}]}}",
      "{'id': 'a', 'labels': {'a': 1}, 'run': {" + RUN + "}}",
      "{'id': 'a', 'labels': [], 'run': {" + RUN + "}}",
      "{'id': 'a', 'description': 5, 'run': {" + RUN + "}}",
      "{'id': 'a', 'schedules': [{'cron': '* * * * *'}], 'run': {" + RUN + "}}",
      "{'id': 'a', 'schedules': [{'id': 'n'}], 'run': {" + RUN + "}}",
      "{'id': 'a', 'schedules': [{'id': 'n', 'cron': '* * * * *', 'startingDeadlineSeconds': 0}], 'run': {" + RUN + "}}",
      "{'id': 'a', 'schedules': [{'id': 'n', 'cron': '* * * * *', 'concurrencyPolicy': 'REPLACE'}], 'run': {" + RUN + "}}",
      "{'id': 'a', 'schedules': [{'id': 'n', 'cron': '* * * * *', 'enabled': 'yes'}], 'run': {" + RUN + "}}",
      "[]",
  })
  void jobs(String doc) {
    String json = doc.replace('\'', '"');
    assertThat(weAccept(json, false)).as(doc).isEqualTo(JOB.validate(json, InputFormat.JSON).isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{'id': 'every', 'cron': '* * * * *'}",
      "{'id': 'every', 'cron': '* * * * *', 'timezone': 'America/Chicago', 'startingDeadlineSeconds': 60, 'concurrencyPolicy': 'ALLOW', 'enabled': true, 'nextRunAt': 'x'}",
      "{'id': 'e', 'cron': '* * * * *'}",
      "{'id': 'ev-', 'cron': '* * * * *'}",
      "{'id': 'Every', 'cron': '* * * * *'}",
      "{'cron': '* * * * *'}",
      "{'id': 'every'}",
      "{'id': 'every', 'cron': 5}",
      "{'id': 'every', 'cron': '* * * * *', 'startingDeadlineSeconds': 0}",
      "{'id': 'every', 'cron': '* * * * *', 'concurrencyPolicy': 'REPLACE'}",
  })
  void schedules(String doc) {
    String json = doc.replace('\'', '"');
    assertThat(weAccept(json, true)).as(doc).isEqualTo(SCHEDULE.validate(json, InputFormat.JSON).isEmpty());
  }

}
