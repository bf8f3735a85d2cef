package io.berth.marathon.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.error.BerthException;
import io.berth.placement.Constraint;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The semantic rules of a canonical app definition (spec §4). Errors are collected per path, in Marathon's
 * {@code details} shape, and thrown together as 422 {@code Object is not valid}.
 */
public final class AppValidator {
  private final Set<String> features;
  private final Map<String, List<String>> errors = new LinkedHashMap<>();
  private final String prefix;

  private AppValidator(Set<String> features, String prefix) {
    this.features = features;
    this.prefix = prefix;
  }

  /** Validates; throws 422 with all problems found. {@code prefix} prefixes paths (e.g. {@code /apps(0)}). */
  public static void validate(JsonNode app, Set<String> features, String prefix) {
    List<BerthException.Detail> details = problems(app, features, prefix);
    if (!details.isEmpty()) {
      throw BerthException.invalid("Object is not valid", details);
    }
  }

  public static List<BerthException.Detail> problems(JsonNode app, Set<String> features, String prefix) {
    AppValidator v = new AppValidator(features, prefix);
    v.check(app);
    List<BerthException.Detail> out = new ArrayList<>();
    v.errors.forEach((path, errs) -> out.add(new BerthException.Detail(path, List.copyOf(errs))));
    return out;
  }

  private void error(String path, String message) {
    String full = prefix + path;
    errors.computeIfAbsent(full.isEmpty() ? "/" : full, k -> new ArrayList<>()).add(message);
  }

  private void check(JsonNode app) {
    String id = app.path("id").asText("");
    if (!app.hasNonNull("id")) {
      error("/id", "error.path.missing");
    } else {
      PathId.validateRunSpecId(id).ifPresent(e -> error("/id", e));
    }
    boolean hasCmd = app.hasNonNull("cmd");
    boolean hasArgs = app.has("args") && !app.get("args").isEmpty();
    JsonNode container = app.path("container");
    boolean hasImage = !container.path("docker").path("image").asText("").isEmpty();
    if (hasCmd && app.get("cmd").asText().length() < 1) {
      error("/cmd", "must not be empty");
    }
    if ((hasCmd && hasArgs) || (!hasCmd && !hasArgs && !hasImage)) {
      error("/", "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'.");
    }
    if (container.has("docker") && container.path("docker").path("image").asText("").isEmpty()) {
      error("/container/docker/image", "must not be empty");
    }
    nonNegative(app, "cpus");
    nonNegative(app, "mem");
    nonNegative(app, "disk");
    nonNegative(app, "gpus");
    nonNegative(app, "instances");
    nonNegative(app, "backoffSeconds");
    nonNegative(app, "maxLaunchDelaySeconds");
    if (app.has("taskKillGracePeriodSeconds")) {
      nonNegative(app, "taskKillGracePeriodSeconds");
    }
    if (app.path("backoffFactor").asDouble(1.15) < 1.0) {
      error("/backoffFactor", "got " + app.path("backoffFactor").asDouble() + ", expected 1.0 or more");
    }
    if (app.path("gpus").asInt() > 0 && "DOCKER".equals(container.path("type").asText())) {
      error("/gpus", "GPU resources only work with the Mesos containerizer");
    }
    if (!app.path("executor").asText("").matches("^(//cmd)|(/?[^/]+(/[^/]+)*)|$")) {
      error("/executor", "must fully match regular expression '^(//cmd)|(/?[^/]+(/[^/]+)*)|$'");
    }
    if (app.has("acceptedResourceRoles") && app.get("acceptedResourceRoles").isEmpty()) {
      error("/acceptedResourceRoles", "must not be empty");
    }
    checkConstraints(app.path("constraints"));
    PortAndCheckRules rules = new PortAndCheckRules(this::error);
    rules.checkNetworksAndPorts(app);
    rules.checkHealthChecks(app);
    rules.checkReadiness(app);
    checkUpgradeAndResidency(app);
    checkEnvAndSecrets(app);
    checkFetch(app);
    checkLabels(app);
    String kill = app.path("killSelection").asText();
    if (!kill.equals("YOUNGEST_FIRST") && !kill.equals("OLDEST_FIRST")) {
      error("/killSelection", "must be one of YOUNGEST_FIRST, OLDEST_FIRST");
    }
    JsonNode unreachable = app.path("unreachableStrategy");
    if (unreachable.isObject()) {
      long inactive = unreachable.path("inactiveAfterSeconds").asLong(0);
      long expunge = unreachable.path("expungeAfterSeconds").asLong(0);
      if (inactive < 0 || expunge < 0) {
        error("/unreachableStrategy", "timeouts must be 0 or more");
      } else if (inactive > expunge) {
        error("/unreachableStrategy/inactiveAfterSeconds", "inactiveAfterSeconds must be less or equal to expungeAfterSeconds");
      }
    } else if (!unreachable.asText().equals("disabled")) {
      error("/unreachableStrategy", "must be an object or \"disabled\"");
    }
    int i = 0;
    for (JsonNode d : app.path("dependencies")) {
      int index = i++;
      PathId.validateSegments(d.asText()).ifPresent(e -> error("/dependencies(" + index + ")", e));
    }
  }

  private void nonNegative(JsonNode app, String field) {
    if (app.path(field).asDouble(0) < 0) {
      error("/" + field, "got " + app.path(field).asText() + ", expected 0 or more");
    }
  }

  private void checkConstraints(JsonNode constraints) {
    int i = 0;
    for (JsonNode c : constraints) {
      List<String> raw = new ArrayList<>();
      c.forEach(e -> raw.add(e.asText()));
      for (String e : Constraint.validate(raw)) {
        error("/constraints(" + i + ")", e);
      }
      i++;
    }
  }

  private void checkUpgradeAndResidency(JsonNode app) {
    JsonNode u = app.path("upgradeStrategy");
    double min = u.path("minimumHealthCapacity").asDouble();
    double max = u.path("maximumOverCapacity").asDouble();
    if (min < 0) {
      error("/upgradeStrategy/minimumHealthCapacity", "is less than 0");
    }
    if (min > 1) {
      error("/upgradeStrategy/minimumHealthCapacity", "is greater than 1");
    }
    if (max < 0) {
      error("/upgradeStrategy/maximumOverCapacity", "is less than 0");
    }
    if (max > 1) {
      error("/upgradeStrategy/maximumOverCapacity", "is greater than 1");
    }
    boolean resident = AppNormalizer.isResident(app);
    if (resident && max != 0) {
      error("/upgradeStrategy/maximumOverCapacity", "must be 0 for resident apps");
    }
    if (resident && !"disabled".equals(app.path("unreachableStrategy").asText())) {
      error("/unreachableStrategy", "unreachableStrategy must be disabled for resident tasks");
    }
    if (resident && "*".equals(app.path("acceptedResourceRoles").path(0).asText("")) && app.path("acceptedResourceRoles").size() == 1
        && !"*".equals(app.path("role").asText())) {
      error("/acceptedResourceRoles", "A resident app must have `acceptedResourceRoles = [\"<role>\"]`");
    }
    int vi = 0;
    for (JsonNode v : app.path("container").path("volumes")) {
      String path = "/container/volumes(" + vi++ + ")";
      if (v.has("persistent")) {
        String cp = v.path("containerPath").asText("");
        if (cp.contains("/") || cp.equals(".") || cp.equals("..") || cp.isEmpty()) {
          error(path + "/containerPath", "value must not contain \"/\"");
        }
        if (v.path("persistent").path("size").asLong(0) <= 0) {
          error(path + "/persistent/size", "must be greater than 0");
        }
        if (!"RW".equals(v.path("mode").asText())) {
          error(path + "/mode", "must be RW");
        }
      }
      if (v.has("external") && !features.contains("external_volumes")) {
        error(path + "/external", "Feature external_volumes is not enabled. Enable with --enable_features external_volumes)");
      }
    }
    if (AppNormalizer.isSingleInstance(app)) {
      if (app.path("instances").asInt() > 1) {
        error("/instances", "must be less than or equal to 1 for single instance apps");
      }
      if (min != 0 || max != 0) {
        error("/upgradeStrategy", "minimumHealthCapacity and maximumOverCapacity must be 0 for single instance apps");
      }
    }
  }

  private void checkEnvAndSecrets(JsonNode app) {
    JsonNode secrets = app.path("secrets");
    boolean usesSecrets = !secrets.isEmpty() || app.path("container").path("docker").has("pullConfig");
    app.path("env").fields().forEachRemaining(e -> {
      if (e.getValue().isObject()) {
        usesSecretRef(e.getKey(), e.getValue(), secrets);
      } else if (!e.getValue().isTextual() && !e.getValue().isNumber() && !e.getValue().isBoolean()) {
        error("/env/" + e.getKey(), "error.expected.jsstring");
      }
    });
    boolean refs = false;
    for (JsonNode v : app.path("env")) {
      refs |= v.isObject();
    }
    if ((usesSecrets || refs) && !features.contains("secrets")) {
      error("/secrets", "Feature secrets is not enabled. Enable with --enable_features secrets)");
    }
    secrets.fields().forEachRemaining(e -> {
      if (e.getValue().path("source").asText("").isEmpty()) {
        error("/secrets/" + e.getKey() + "/source", "must not be empty");
      }
    });
    JsonNode pull = app.path("container").path("docker").path("pullConfig");
    if (!pull.isMissingNode()) {
      if (!"MESOS".equals(app.path("container").path("type").asText())) {
        error("/container/docker/pullConfig", "pullConfig is supported only with Mesos containerizer");
      }
      if (!secrets.has(pull.path("secret").asText())) {
        error("/container/docker/pullConfig/secret", "references an undefined secret");
      }
    }
  }

  private void usesSecretRef(String name, JsonNode ref, JsonNode secrets) {
    if (!secrets.has(ref.path("secret").asText())) {
      error("/env/" + name + "/secret", "references an undefined secret");
    }
  }

  private void checkFetch(JsonNode app) {
    int i = 0;
    for (JsonNode f : app.path("fetch")) {
      String path = "/fetch(" + i++ + ")";
      String uri = f.path("uri").asText("");
      try {
        if (uri.isEmpty() || new URI(uri).getPath() == null) {
          error(path + "/uri", "URI has invalid syntax.");
        }
      } catch (URISyntaxException e) {
        error(path + "/uri", "URI has invalid syntax.");
      }
    }
  }

  private void checkLabels(JsonNode app) {
    JsonNode labels = app.path("labels");
    if ("v1".equals(labels.path("DCOS_MIGRATION_API_VERSION").asText())) {
      if (labels.path("DCOS_PACKAGE_FRAMEWORK_NAME").asText("").isEmpty()
          || labels.path("DCOS_MIGRATION_API_PATH").asText("").isEmpty()) {
        error("/labels", "DCOS_PACKAGE_FRAMEWORK_NAME and DCOS_MIGRATION_API_PATH must be defined when using DCOS_MIGRATION_API_VERSION");
      }
    } else if (labels.has("DCOS_MIGRATION_API_VERSION")) {
      error("/labels", "DCOS_MIGRATION_API_VERSION must be \"v1\"");
    }
  }
}
