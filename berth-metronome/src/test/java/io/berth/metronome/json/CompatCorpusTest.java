package io.berth.metronome.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.common.json.Json;
import io.berth.state.jobs.JobSpec;
import io.berth.state.jobs.ScheduleSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every file of the corpus {@code compat/metronome/} (vendored from the shared corpus; real definitions from
 * dcos/metronome) is accepted or rejected
 * as the corpus README says.
 */
class CompatCorpusTest {
  static final Path CORPUS = corpus();

  static Path corpus() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("compat/metronome");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("compat/metronome not found above " + Path.of("").toAbsolutePath());
  }

  static JsonNode file(String name) throws IOException {
    return Json.tree(Files.readAllBytes(CORPUS.resolve(name)));
  }

  @Test
  void theCorpusHasTheFilesItsReadmeLists() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")))
          .containsExactlyInAnyOrder("api-v0-examples__job.json", "api-v1-examples__job.json",
              "api-v1-examples__job_docker_param.json", "api-v1-examples__job_file_based_secrets.json",
              "api-v1-examples__job_secrets.json", "api-v1-examples__job_ucr.json", "api-v1-examples__run.json",
              "api-v1-examples__schedule.json", "api-v1-schema__jobspec.schema.json",
              "api-v1-schema__schedulespec.schema.json");
    }
  }

  @Test
  void theV1ExampleJobIsAcceptedWithEqStoredAsIsAndItsDefaultsFilledIn() throws IOException {
    JobSpec job = JobSpecReader.read(file("api-v1-examples__job.json"), null, false);
    assertThat(job.id()).isEqualTo("prod.example.app");
    assertThat(job.labels()).containsEntry("owner", "zeus");
    assertThat(job.run().placement().constraints().getFirst().operator()).isEqualTo("IS");
    assertThat(job.run().artifacts().getFirst().executable()).isTrue();
    assertThat(job.run().docker().image()).isEqualTo("foo/bla:test");
    assertThat(job.run().docker().privileged()).isFalse();
    assertThat(job.run().networks().getFirst().name()).isEqualTo("calico");
    assertThat(job.run().restart().activeDeadlineSeconds()).isEqualTo(120);
    assertThat(job.run().volumes().getFirst().mode()).isEqualTo("RW");
    JsonNode rendered = JobJson.spec(job, s -> java.util.Optional.empty());
    assertThat(rendered.path("run").path("placement").path("constraints").get(0).path("operator").asText()).isEqualTo("IS");
    assertThat(rendered.path("run").path("gpus").asInt()).isZero();
    assertThat(rendered.path("run").path("docker").path("parameters").isArray()).isTrue();
    assertThat(rendered.has("description")).isTrue();
  }

  @Test
  void theDockerParameterExampleIsRejectedBecauseItLacksDisk() throws IOException {
    assertThatThrownBy(() -> JobSpecReader.read(file("api-v1-examples__job_docker_param.json"), null, false))
        .isInstanceOfSatisfying(BerthException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID);
          assertThat(e.getMessage()).isEqualTo("Object is not valid");
          assertThat(e.details()).containsExactly(BerthException.Detail.of("/run/disk", "'disk' is a required property"));
        });
  }

  @Test
  void theSecretsAndUcrExamplesAreAccepted() throws IOException {
    JobSpec fileSecrets = JobSpecReader.read(file("api-v1-examples__job_file_based_secrets.json"), null, false);
    assertThat(fileSecrets.run().volumes().getFirst().secret()).isEqualTo("secret1");
    assertThat(fileSecrets.run().ucr().image().kind()).isEqualTo("docker");
    JobSpec envSecrets = JobSpecReader.read(file("api-v1-examples__job_secrets.json"), null, false);
    assertThat(envSecrets.run().env().get("SECRET_ENV").secret()).isEqualTo("secret1");
    assertThat(envSecrets.run().secrets().get("secret1").source()).isEqualTo("/mysecret");
    JobSpec ucr = JobSpecReader.read(file("api-v1-examples__job_ucr.json"), null, false);
    assertThat(ucr.run().ucr().image().id()).isEqualTo("ubuntu");
    assertThat(ucr.run().ucr().image().forcePull()).isFalse();
  }

  @Test
  void theV0ExampleWithItsScheduleIsAcceptedByV0AndV1() throws IOException {
    for (boolean v0 : List.of(true, false)) {
      JobSpec job = JobSpecReader.read(file("api-v0-examples__job.json"), null, v0);
      ScheduleSpec s = job.schedules().getFirst();
      assertThat(s.id()).isEqualTo("sleep-nightly");
      assertThat(s.cron()).isEqualTo("20 0 * * *");
      assertThat(s.timezone()).isEqualTo("UTC");
      assertThat(s.startingDeadlineSeconds()).isEqualTo(900);
      assertThat(job.run().docker().privileged()).isTrue();
    }
  }

  @Test
  void theScheduleExampleIsAccepted() throws IOException {
    ScheduleSpec s = ScheduleReader.read(file("api-v1-examples__schedule.json"), null);
    assertThat(s).isEqualTo(new ScheduleSpec("everyminute", "* * * * *", "America/Chicago", 60,
        ScheduleSpec.ConcurrencyPolicy.ALLOW, true));
  }

  @Test
  void theRunExampleHasTheShapeWeRender() throws IOException {
    JsonNode example = file("api-v1-examples__run.json");
    var run = new io.berth.state.jobs.JobRun("20160715130259A34HX", "prod", null, io.berth.state.jobs.JobRun.Trigger.MANUAL,
        null, null, null, io.berth.state.jobs.JobRun.Status.STARTING,
        java.time.Instant.parse("2016-07-15T13:02:59.735Z"), null);
    assertThat(JobJson.run(run, List.of())).isEqualTo(example);
    assertThat(example.path("id").asText()).matches("[0-9]{14}[A-Z0-9]{5}");
  }
}
