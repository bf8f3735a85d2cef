package io.berth.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.common.id.IdGenerator;
import io.berth.http.HttpServer;
import io.berth.testkit.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A component's service account: its secret file, the account made at bootstrap, and its login at the master port. */
class ServiceLoginTest {
  @TempDir
  Path dir;
  final TestClock clock = new TestClock();
  final ImageWriter state = new ImageWriter();
  final IamService iam = new IamService(new IamConfig(Duration.ofDays(5), 4, 100, Duration.ofMinutes(1), false),
      state::image, clock, clock, IdGenerator.sequential("key"));
  ServiceAccountSecret secret;
  HttpServer masterPort;

  @BeforeEach
  void start() {
    secret = ServiceAccountSecret.readOrCreate(dir.resolve("agent-credentials"), ServiceAccountSecret.AGENT_UID, null);
    iam.lead(state);
    iam.bootstrap("bootstrapuser", "secret-pw", List.of());
    masterPort = HttpServer.start("127.0.0.1", 0, List.of(new AuthApi(iam).loginRoutes()));
  }

  @AfterEach
  void stop() {
    masterPort.close();
  }

  @Test
  void theSecretFileIsOwnerOnlyAndReadBackAsItWasMade() throws Exception {
    Path file = dir.resolve("agent-credentials");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    ServiceAccountSecret again = ServiceAccountSecret.readOrCreate(file, "someone-else", null);
    assertThat(again).isEqualTo(secret);
    assertThat(again.scheme()).isEqualTo("RS256");
    assertThat(Files.readString(file)).contains("\"private_key\"").contains("BEGIN PRIVATE KEY");
    assertThat(TokenKeys.parsePublicKeyPem(secret.publicKeyPem()).getModulus()).isEqualTo(secret.key().getModulus());
    Files.writeString(dir.resolve("broken"), "{\"uid\": \"x\"}");
    assertThatThrownBy(() -> ServiceAccountSecret.read(dir.resolve("broken"))).hasMessageContaining("broken");
  }

  @Test
  void theAccountCreatedForTheClusterLogsInAndKeepsItsTokenUntilItIsDueForRenewal() throws Exception {
    ServiceLogin login = new ServiceLogin(secret, () -> Optional.of(masterPort.url()), clock);
    assertThat(login.get()).isNull();
    clock.advance(ServiceLogin.RETRY_EVERY);

    iam.ensureServiceAccounts(List.of(new IamService.ServiceAccount(secret.uid(), secret.publicKeyPem(), "agents")));
    iam.ensureServiceAccounts(List.of(new IamService.ServiceAccount(secret.uid(), secret.publicKeyPem(), "agents")));
    assertThat(state.image().iam().user("berth-agent").orElseThrow().isService()).isTrue();
    assertThat(Authorizer.isSuperuser(state.image().iam(), "berth-agent")).isTrue();

    String token = login.get();
    assertThat(token).isNotNull();
    assertThat(iam.verifier().orElseThrow().verify(token, clock.instant()).uid()).isEqualTo("berth-agent");
    clock.advance(Duration.ofDays(4));
    assertThat(login.get()).isSameAs(token);
    clock.advance(Duration.ofHours(23));
    String renewed = login.get();
    assertThat(renewed).isNotEqualTo(token);
    assertThat(iam.verifier().orElseThrow().verify(renewed, clock.instant()).uid()).isEqualTo("berth-agent");
  }

  @Test
  void withoutAMasterOrWithAnUnknownKeyThereIsNoToken() {
    iam.ensureServiceAccounts(List.of(new IamService.ServiceAccount(secret.uid(), secret.publicKeyPem(), "agents")));
    assertThat(new ServiceLogin(secret, Optional::empty, clock).get()).isNull();
    ServiceAccountSecret impostor = ServiceAccountSecret.readOrCreate(dir.resolve("impostor"), "berth-agent", null);
    assertThat(new ServiceLogin(impostor, () -> Optional.of(masterPort.url()), clock).get()).isNull();
    masterPort.close();
    assertThat(new ServiceLogin(secret, () -> Optional.of(masterPort.url()), clock).get()).isNull();
  }
}
