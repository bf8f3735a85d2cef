package io.berth.marathon.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskInfo;
import io.berth.common.json.Json;
import io.berth.marathon.model.AppNormalizer;
import io.berth.marathon.model.AppSpec;
import io.berth.placement.AgentFacts;
import io.berth.placement.RejectReason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pure offer matching and task building: capacity, caps, constraints, ports in declared order, environment. */
class OfferMatcherTest {
  static AppSpec app(String json) {
    ObjectNode app = AppNormalizer.normalize((ObjectNode) Json.tree(json.getBytes()), "/");
    app.put("version", "2026-01-01T00:00:00.000Z");
    return AppSpec.of(app);
  }

  final AgentFacts agent = new AgentFacts("a1", "host-1", Map.of("rack", "r1"), null);
  final Resources offer = new Resources(1, 1024, 100, 0, PortRanges.parse("[31000-31010]"));

  @Test
  void fillsAnOfferUpToItsCapacityAndTheCap() {
    AppSpec small = app("{\"id\":\"s\",\"cmd\":\"x\",\"cpus\":0.1,\"mem\":16}");
    OfferMatcher.Match all = OfferMatcher.match(agent, offer, List.of(new OfferMatcher.Want(small, 50, List.of())));
    assertThat(all.launches()).hasSize(10);
    assertThat(all.launches()).extracting(l -> l.ports().getFirst()).doesNotHaveDuplicates();
    OfferMatcher.Match capped = OfferMatcher.match(agent, offer, List.of(new OfferMatcher.Want(small, 50, List.of())), 3);
    assertThat(capped.launches()).hasSize(3);
  }

  @Test
  void constraintsAndResourcesGiveReasons() {
    AppSpec unique = app("{\"id\":\"u\",\"cmd\":\"x\",\"cpus\":0.1,\"mem\":16,\"constraints\":[[\"hostname\",\"UNIQUE\"]]}");
    OfferMatcher.Match m = OfferMatcher.match(agent, offer, List.of(new OfferMatcher.Want(unique, 2, List.of(agent))));
    assertThat(m.launches()).isEmpty();
    assertThat(m.rejected().get("/u")).containsExactly(RejectReason.UnfulfilledConstraint);
    AppSpec big = app("{\"id\":\"b\",\"cmd\":\"x\",\"cpus\":4,\"mem\":16}");
    assertThat(OfferMatcher.match(agent, offer, List.of(new OfferMatcher.Want(big, 1, List.of()))).rejected().get("/b"))
        .containsExactly(RejectReason.InsufficientCpus);
  }

  @Test
  void requiredPortsKeepTheirDeclaredOrderAndTheTaskGetsMarathonsEnvironment() {
    AppSpec app = app("{\"id\":\"/g/p\",\"cmd\":\"x\",\"cpus\":0.1,\"mem\":16,\"requirePorts\":true,\"labels\":{\"team-a\":\"x\"},"
        + "\"portDefinitions\":[{\"port\":31005,\"name\":\"web\"},{\"port\":31002,\"name\":\"admin-api\"}],\"env\":{\"PORT0\":\"override\"}}");
    OfferMatcher.Launch l = OfferMatcher.match(agent, offer, List.of(new OfferMatcher.Want(app, 1, List.of()))).launches().getFirst();
    assertThat(l.ports()).containsExactly(31005L, 31002L);
    TaskInfo task = TaskFactory.build(app, TaskFactory.taskId("/g/p", "u1"), "fw", "a1", l.resources(), l.ports());
    assertThat(task.id()).isEqualTo("g_p.instance-u1._app.1");
    assertThat(task.name()).isEqualTo("p.g");
    assertThat(task.command().environment()).containsEntry("PORT1", "31002").containsEntry("PORT_WEB", "31005")
        .containsEntry("PORT_ADMIN_API", "31002").containsEntry("PORT_31005", "31005").containsEntry("PORTS", "31005,31002")
        .containsEntry("PORT0", "override").containsEntry("MARATHON_APP_ID", "/g/p")
        .containsEntry("MARATHON_APP_LABEL_TEAM_A", "x").containsEntry("MARATHON_APP_LABELS", "TEAM_A");
    assertThat(task.portNames()).containsExactly("admin-api", "web");
    assertThat(Instance.of(new io.berth.state.image.Task(task, List.of(new io.berth.api.cluster.TaskStatus(task.id(), "fw",
        "a1", io.berth.api.cluster.TaskState.TASK_STAGING, null, null, null, java.time.Instant.EPOCH, "u", null, null, null)),
        "u")).ports()).containsExactly(31005L, 31002L);
    assertThat(TaskFactory.appIdOf(task.id())).contains("/g/p");
    assertThat(TaskFactory.instanceId(task.id())).isEqualTo("g_p.instance-u1");
  }

  @Test
  void vipLabelsOfPortDefinitionsBecomeTaskLabelsForDiscovery() {
    AppSpec app = app("{\"id\":\"/shop/web\",\"cmd\":\"x\",\"cpus\":0.1,\"mem\":16,\"labels\":{\"team\":\"a\"},"
        + "\"portDefinitions\":[{\"port\":0,\"name\":\"http\",\"labels\":{\"VIP_0\":\"/shop/web:80\",\"other\":\"x\"}},"
        + "{\"port\":0,\"labels\":{\"VIP_1\":\"shop-admin:9090\"}}]}");
    OfferMatcher.Launch l = OfferMatcher.match(agent, offer, List.of(new OfferMatcher.Want(app, 1, List.of()))).launches().getFirst();
    TaskInfo task = TaskFactory.build(app, TaskFactory.taskId("/shop/web", "u1"), "fw", "a1", l.resources(), l.ports());
    assertThat(task.labels()).containsEntry("VIP_0", "/shop/web:80").containsEntry("VIP_1", "shop-admin:9090")
        .containsEntry("team", "a").doesNotContainKey("other");
  }
}
