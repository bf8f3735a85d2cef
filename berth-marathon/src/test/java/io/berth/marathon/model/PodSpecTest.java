package io.berth.marathon.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.common.json.Json;
import org.junit.jupiter.api.Test;

/** A pod seen as one run spec (pure): summed resources with the executor's, host endpoints as ports, scheduling. */
class PodSpecTest {
  @Test
  void aPodIsOneRunSpecForTheScheduler() {
    PodSpec pod = PodSpec.of(Json.tree("""
        {"id": "/p", "version": "v1", "scaling": {"instances": 3},
         "scheduling": {"placement": {"constraints": [{"fieldName": "hostname", "operator": "UNIQUE"}]},
                        "upgrade": {"minimumHealthCapacity": 0.5, "maximumOverCapacity": 0},
                        "backoff": {"backoff": 2, "backoffFactor": 3, "maxLaunchDelay": 60}},
         "executorResources": {"cpus": 0.2},
         "containers": [
           {"name": "a", "resources": {"cpus": 0.5, "mem": 64}, "endpoints": [{"name": "http", "hostPort": 0},
            {"name": "internal", "containerPort": 9000}]},
           {"name": "b", "resources": {"cpus": 0.25, "mem": 32, "disk": 5}, "endpoints": [{"name": "admin", "hostPort": 8081}]}]}
        """.getBytes()));
    AppSpec app = pod.app();
    assertThat(app.id()).isEqualTo("/p");
    assertThat(app.instances()).isEqualTo(3);
    assertThat(app.cpus()).isEqualTo(0.95);
    assertThat(app.mem()).isEqualTo(64 + 32 + 32);
    assertThat(app.disk()).isEqualTo(15);
    assertThat(app.ports()).extracting(AppSpec.PortSpec::name).containsExactly("http", "admin");
    assertThat(app.ports()).extracting(AppSpec.PortSpec::port).containsExactly(0, 8081);
    assertThat(app.requirePorts()).isTrue();
    assertThat(app.constraints()).hasSize(1);
    assertThat(app.minimumHealthCapacity()).isEqualTo(0.5);
    assertThat(app.maximumOverCapacity()).isZero();
    assertThat(app.backoffSeconds()).isEqualTo(2);
    assertThat(app.backoffFactor()).isEqualTo(3);
    assertThat(app.maxLaunchDelaySeconds()).isEqualTo(60);
    assertThat(app.configVersion()).isEqualTo(pod.configVersion()).startsWith("config-");
  }

  @Test
  void theConfigVersionIgnoresTheCountAndTheVersionOnly() {
    String base = "{\"id\": \"/p\", \"version\": \"%s\", \"scaling\": {\"instances\": %d}, \"labels\": {\"a\": \"%s\"}}";
    String v1 = PodSpec.configVersion(Json.tree(String.format(base, "v1", 1, "x").getBytes()));
    assertThat(PodSpec.configVersion(Json.tree(String.format(base, "v2", 5, "x").getBytes()))).isEqualTo(v1);
    assertThat(PodSpec.configVersion(Json.tree(String.format(base, "v1", 1, "y").getBytes()))).isNotEqualTo(v1);
  }
}
