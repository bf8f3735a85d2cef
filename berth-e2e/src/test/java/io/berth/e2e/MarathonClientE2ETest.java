package io.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mesosphere.marathon.client.Marathon;
import mesosphere.marathon.client.MarathonClient;
import mesosphere.marathon.client.MarathonException;
import mesosphere.marathon.client.model.v2.App;
import mesosphere.marathon.client.model.v2.Result;
import mesosphere.marathon.client.model.v2.Task;
import mesosphere.marathon.client.model.v2.VersionedApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code com.mesosphere:marathon-client} Java library (Feign + Gson, as written for Marathon 1.x) drives Berth on
 * {@code berth up} with real runc: create, list, get, update, scale, restart and delete apps; tasks and deployments.
 */
class MarathonClientE2ETest {
  static final Duration WAIT = Duration.ofSeconds(60);
  @TempDir
  static Path tmp;
  static BerthUp cluster;
  static Marathon marathon;

  @BeforeAll
  static void up() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "runc containers need root");
    cluster = new BerthUp(tmp.resolve("cluster"), 1, "runc").start();
    marathon = MarathonClient.getInstanceWithTokenAuth(cluster.cluster().path("direct").path("marathon").asText(), cluster.token());
  }

  @AfterAll
  static void down() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  /**
   * marathon-client 0.6.3 puts ids into paths as {@code /v2/apps/{id}}, so an absolute id gives {@code //}; ids are
   * passed relative here (Marathon resolves them against the root).
   */
  static int running(String id) throws MarathonException {
    return (int) marathon.getAppTasks(id).getTasks().stream().filter(t -> "TASK_RUNNING".equals(t.getState())).count();
  }

  @Test
  void theJavaClientManagesAppsTasksAndDeployments() throws Exception {
    App app = new App();
    app.setId("client-app");
    app.setCmd("sleep 600");
    app.setCpus(0.05);
    app.setMem(16.0);
    app.setInstances(2);
    app.setLabels(Map.of("owner", "client"));
    VersionedApp created = marathon.createApp(app);
    assertThat(created.getId()).isEqualTo("/client-app");
    assertThat(created.getDeployments()).hasSize(1);
    await("2 running").atMost(WAIT).until(() -> running("client-app") == 2 && marathon.getDeployments().isEmpty());

    assertThat(marathon.getApps().getApps()).extracting(App::getId).contains("/client-app");
    App got = marathon.getApp("client-app").getApp();
    assertThat(got.getInstances()).isEqualTo(2);
    assertThat(got.getTasksRunning()).isEqualTo(2);
    assertThat(got.getLabels()).containsEntry("owner", "client");
    assertThat(got.getTasks()).hasSize(2);

    App scale = new App();
    scale.setInstances(3);
    Result scaled = marathon.updateApp("client-app", scale, false);
    assertThat(scaled.getDeploymentId()).isNotBlank();
    assertThat(marathon.getDeployments()).isNotNull();
    await("3 running").atMost(WAIT).until(() -> running("client-app") == 3 && marathon.getDeployments().isEmpty());

    App update = new App();
    update.setCmd("sleep 700");
    marathon.updateApp("client-app", update, true);
    await("updated").atMost(WAIT).until(() -> marathon.getDeployments().isEmpty() && running("client-app") == 3
        && marathon.getAppTasks("client-app").getTasks().stream().map(Task::getVersion).distinct().count() == 1);
    assertThat(marathon.getApp("client-app").getApp().getCmd()).isEqualTo("sleep 700");
    assertThat(marathon.getAppVersions("client-app").getVersions()).hasSizeGreaterThanOrEqualTo(3);

    List<String> before = marathon.getAppTasks("client-app").getTasks().stream().map(Task::getId).toList();
    Result restarted = marathon.restartApp("client-app", false);
    assertThat(restarted.getDeploymentId()).isNotBlank();
    await("restarted").atMost(WAIT).until(() -> marathon.getDeployments().isEmpty() && running("client-app") == 3
        && marathon.getAppTasks("client-app").getTasks().stream().map(Task::getId).noneMatch(before::contains));

    Task task = marathon.getTasks().getTasks().iterator().next();
    assertThat(task.getAppId()).isEqualTo("/client-app");
    assertThat(task.getPorts()).hasSize(1);
    assertThat(task.getHost()).startsWith("127.0.0.");

    marathon.deleteApp("client-app");
    await("deleted").atMost(WAIT).until(() -> marathon.getTasks().getTasks().isEmpty());
    assertThatThrownBy(() -> marathon.getApp("client-app")).isInstanceOf(MarathonException.class)
        .satisfies(e -> assertThat(((MarathonException) e).getStatus()).isEqualTo(404));
    assertThat(marathon.getServerInfo().getVersion()).startsWith("1.");
  }
}
