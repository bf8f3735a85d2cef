package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.client.ApiException;
import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class FailuresTest {
  @Test
  void theServersMessageIsFoundInEveryApisErrorShape() {
    assertThat(Failures.message("{\"message\":\"App '/nope' does not exist\"}")).isEqualTo("App '/nope' does not exist");
    assertThat(Failures.message("{\"message\":\"Object is not valid\",\"details\":[{\"path\":\"/cpus\",\"errors\":[\"error.expected.jsnumber\"]}]}"))
        .isEqualTo("Object is not valid (/cpus: error.expected.jsnumber)");
    assertThat(Failures.message("{\"id\":\"nope\",\"message\":\"Job not found\"}")).isEqualTo("Job not found: nope");
    assertThat(Failures.message("{\"title\":\"Bad Request\",\"description\":\"User with uid `x` not known.\",\"code\":\"ERR_UNKNOWN_USER_ID\"}"))
        .isEqualTo("User with uid `x` not known.");
    assertThat(Failures.message("Failed to parse 'limit'\nmore")).isEqualTo("Failed to parse 'limit'");
    assertThat(Failures.message("<html><head><title>Error 502 Bad Gateway</title></head></html>")).isEqualTo("Error 502 Bad Gateway");
  }

  @Test
  void clientErrorsExitOneServerErrorsExitTwo() {
    assertThat(Failures.of(new ApiException("GET", "u", 404, "{\"message\":\"App '/x' does not exist\"}")))
        .satisfies(f -> assertThat(f.exitCode()).isEqualTo(1)).hasMessage("App '/x' does not exist");
    assertThat(Failures.of(new ApiException("POST", "u", 422, "{\"message\":\"Object is not valid\"}")).exitCode()).isEqualTo(1);
    assertThat(Failures.of(new ApiException("GET", "u", 503, "{\"message\":\"No leader\"}")))
        .satisfies(f -> assertThat(f.exitCode()).isEqualTo(2)).hasMessage("No leader (HTTP 503)");
    assertThat(Failures.of(new ApiException("GET", "u", 403, "{\"description\":\"User 'a' lacks the permission x\"}")).getMessage())
        .isEqualTo("permission denied: User 'a' lacks the permission x");
  }

  @Test
  void aRefusedTokenSaysToLogInAgain() {
    CliFailure f = Failures.of(new ApiException("GET", "u", 401, "{\"code\":\"ERR_MISSING_AUTH\"}"));
    assertThat(f.exitCode()).isEqualTo(1);
    assertThat(f.getMessage()).contains("berth auth login");
  }

  @Test
  void anUnreachableClusterIsAServerError() {
    CliFailure f = Failures.of(new BerthException(ErrorCode.UNAVAILABLE, "GET https://127.0.0.1:1/x failed: java.net.ConnectException",
        new ConnectException()));
    assertThat(f.exitCode()).isEqualTo(2);
    assertThat(f.getMessage()).isEqualTo("cannot connect to the cluster: GET https://127.0.0.1:1/x (connection refused)");
    assertThat(Failures.of(new IllegalStateException("boom")).exitCode()).isEqualTo(2);
    assertThat(Failures.of(CliFailure.usage("x")).exitCode()).isEqualTo(1);
  }
}
