package io.berth.marathon.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.error.BerthException;
import io.berth.common.json.Json;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure app model: path ids, normalisation of deprecated forms, defaults, validation messages and paths. */
class AppModelTest {
  static ObjectNode json(String text) {
    return (ObjectNode) Json.tree(text.getBytes());
  }

  static List<String> problems(String app) {
    return AppValidator.problems(AppNormalizer.normalize(json(app), "/"), Set.of(), "").stream()
        .map(d -> d.path() + " " + d.errors()).toList();
  }

  @Test
  void pathIdsResolveAndValidate() {
    assertThat(PathId.resolve("/prod", "web")).isEqualTo("/prod/web");
    assertThat(PathId.resolve("/prod/a", "../b/./c")).isEqualTo("/prod/b/c");
    assertThat(PathId.resolve("/", "//x//y")).isEqualTo("/x/y");
    assertThat(PathId.parent("/a/b")).isEqualTo("/a");
    assertThat(PathId.safe("/prod/web")).isEqualTo("prod_web");
    assertThat(PathId.validateRunSpecId("/Bad")).isPresent();
    assertThat(PathId.validateRunSpecId("/a-/b")).isPresent();
    assertThat(PathId.validateRunSpecId("/a.b/c-d")).isEmpty();
    assertThat(PathId.validateRunSpecId("/x/versions")).isPresent();
    assertThat(PathId.validateRunSpecId("/")).contains("Path must contain at least one path element");
  }

  @Test
  void deprecatedFieldsBecomeTheCanonicalForm() {
    JsonNode app = AppNormalizer.normalize(json("{\"id\":\"a\",\"cmd\":\"x\",\"ports\":[0,8080],"
        + "\"uris\":[\"http://h/x.tgz\",\"http://h/plain.sh\"]}"), "/g");
    assertThat(app.path("id").asText()).isEqualTo("/g/a");
    assertThat(app.has("ports")).isFalse();
    assertThat(app.path("portDefinitions").path(1).path("port").asInt()).isEqualTo(8080);
    assertThat(app.path("fetch").path(0).path("extract").asBoolean()).isTrue();
    assertThat(app.path("fetch").path(1).path("extract").asBoolean()).isFalse();
    assertThat(app.path("networks").path(0).path("mode").asText()).isEqualTo("host");
    assertThat(app.path("upgradeStrategy").path("minimumHealthCapacity").asDouble()).isEqualTo(1.0);
    assertThat(app.path("backoffFactor").asDouble()).isEqualTo(1.15);
    JsonNode bridge = AppNormalizer.normalize(json("{\"id\":\"b\",\"cmd\":\"x\",\"container\":{\"docker\":{\"image\":\"i\","
        + "\"network\":\"BRIDGE\",\"portMappings\":[{\"containerPort\":80}]}},\"healthChecks\":[{\"protocol\":\"http\"}]}"), "/");
    assertThat(bridge.path("container").path("type").asText()).isEqualTo("DOCKER");
    assertThat(bridge.path("container").path("portMappings").path(0).path("hostPort").asInt()).isZero();
    assertThat(bridge.path("networks").path(0).path("mode").asText()).isEqualTo("container/bridge");
    assertThat(bridge.path("healthChecks").path(0).path("protocol").asText()).isEqualTo("HTTP");
    assertThat(bridge.path("healthChecks").path(0).path("portIndex").asInt()).isZero();
    assertThat(bridge.has("portDefinitions")).isFalse();
  }

  @Test
  void validationReportsEveryProblemWithItsPath() {
    assertThat(problems("{\"id\":\"/ok\",\"cmd\":\"x\"}")).isEmpty();
    assertThat(problems("{\"id\":\"/a\",\"cmd\":\"x\",\"args\":[\"y\"]}")).anyMatch(p -> p.startsWith("/ [AppDefinition must"));
    assertThat(problems("{\"id\":\"/a\"}")).anyMatch(p -> p.contains("AppDefinition must"));
    assertThat(problems("{\"id\":\"/a\",\"cmd\":\"x\",\"constraints\":[[\"h\",\"LIKE\"]]}"))
        .anyMatch(p -> p.startsWith("/constraints(0)") && p.contains("LIKE and UNLIKE"));
    assertThat(problems("{\"id\":\"/a\",\"cmd\":\"x\",\"readinessChecks\":[{\"portName\":\"nope\"}]}"))
        .anyMatch(p -> p.contains("No port definition reference for portName nope"));
    assertThat(problems("{\"id\":\"/a\",\"cmd\":\"x\",\"env\":{\"P\":{\"secret\":\"s\"}}}"))
        .anyMatch(p -> p.startsWith("/env/P/secret"));
    assertThat(problems("{\"id\":\"/a\",\"cmd\":\"x\",\"secrets\":{\"s\":{\"source\":\"/p\"}}}"))
        .anyMatch(p -> p.contains("Feature secrets is not enabled"));
    assertThat(problems("{\"id\":\"/a\",\"cmd\":\"x\",\"labels\":{\"MARATHON_SINGLE_INSTANCE_APP\":\"true\"},\"instances\":2}"))
        .anyMatch(p -> p.startsWith("/instances"));
    assertThat(problems("{\"id\":\"/a\",\"cmd\":\"x\",\"unreachableStrategy\":{\"inactiveAfterSeconds\":10,\"expungeAfterSeconds\":5}}"))
        .anyMatch(p -> p.startsWith("/unreachableStrategy/inactiveAfterSeconds"));
    assertThat(problems("{\"id\":\"/a\",\"cmd\":\"x\",\"fetch\":[{\"uri\":\"http://bad uri\"}]}"))
        .anyMatch(p -> p.contains("URI has invalid syntax."));
    assertThat(problems("{\"id\":\"/a\",\"cmd\":\"x\",\"healthChecks\":[{\"protocol\":\"MESOS_TCP\"},{\"protocol\":\"MESOS_HTTP\"}]}"))
        .anyMatch(p -> p.contains("at most one Mesos health check"));
  }

  @Test
  void wrongTypesAreInvalidJsonAndUntranslatableLegacyIsRejected() {
    assertThatThrownBy(() -> JsonTypes.checkApp(json("{\"id\":1,\"cpus\":\"x\",\"labels\":{\"a\":1}}"), ""))
        .isInstanceOf(BerthException.class).hasMessage("Invalid JSON")
        .satisfies(e -> assertThat(((BerthException) e).details()).extracting(BerthException.Detail::path)
            .containsExactlyInAnyOrder("/id", "/cpus", "/labels"));
    assertThatThrownBy(() -> AppNormalizer.normalize(json("{\"id\":\"a\",\"cmd\":\"x\",\"uris\":[\"http://a/b\"],"
        + "\"fetch\":[{\"uri\":\"http://c/d\"}]}"), "/")).hasMessage("Object is not valid");
    assertThat(AppSpec.needsRestart(json("{\"cmd\":\"a\",\"instances\":1}"), json("{\"cmd\":\"a\",\"instances\":5}"))).isFalse();
    assertThat(AppSpec.needsRestart(json("{\"cmd\":\"a\",\"instances\":1}"), json("{\"cmd\":\"b\",\"instances\":1}"))).isTrue();
  }
}
