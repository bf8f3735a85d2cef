package io.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.cluster.ClusterTables;
import io.berth.cli.job.JobTables;
import io.berth.cli.marathon.MarathonTables;
import io.berth.cli.node.MesosTables;
import io.berth.cli.security.IamTables;
import io.berth.common.json.Json;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The table layouts, rendered from JSON the APIs really answered (fixtures/), against golden files (golden/). */
class TablesGoldenTest {
  static JsonNode fixture(String name) throws IOException {
    try (InputStream in = TablesGoldenTest.class.getResourceAsStream("/fixtures/" + name + ".json")) {
      return Json.tree(in.readAllBytes());
    }
  }

  @Test
  void marathon() throws IOException {
    Golden.assertMatches("apps", MarathonTables.apps(fixture("apps")).render());
    Golden.assertMatches("groups", MarathonTables.groups(fixture("groups")).render());
    Golden.assertMatches("deployments", MarathonTables.deployments(fixture("deployments")).render());
    Golden.assertMatches("marathon-tasks", MarathonTables.tasks(fixture("marathon-tasks")).render());
    Golden.assertMatches("pods", MarathonTables.pods(fixture("pods")).render());
    Golden.assertMatches("versions", MarathonTables.versions(fixture("versions")).render());
  }

  @Test
  void mesos() throws IOException {
    Golden.assertMatches("agents", MesosTables.agents(fixture("agents")).render());
    Golden.assertMatches("tasks", MesosTables.tasks(fixture("tasks")).render());
    Golden.assertMatches("services", MesosTables.services(fixture("frameworks")).render());
  }

  @Test
  void jobs() throws IOException {
    Golden.assertMatches("jobs", JobTables.jobs(fixture("jobs")).render());
    Golden.assertMatches("job-history", JobTables.history(fixture("job"), false).render());
    Golden.assertMatches("job-history-failures", JobTables.history(fixture("job"), true).render());
    Golden.assertMatches("schedules", JobTables.schedules(fixture("schedules")).render());
  }

  @Test
  void securityAndClusters() throws IOException {
    Golden.assertMatches("users", IamTables.users(fixture("users")).render());
    Golden.assertMatches("iam-groups", IamTables.groups(fixture("iam-groups")).render());
    Golden.assertMatches("permissions", IamTables.permissions(fixture("permissions")).render());
    Golden.assertMatches("clusters", ClusterTables.clusters(fixture("clusters")).render());
  }
}
