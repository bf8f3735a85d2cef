package io.berth.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.cli.CliFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterStoreTest {
  @TempDir
  Path home;

  private static final ClusterConfig A = new ClusterConfig("aaaa000011112222", "prod", "https://10.0.0.1", "AA:BB", 0);
  private static final ClusterConfig B = new ClusterConfig("bbbb000011112222", "dev", "https://127.0.0.1:8443", "CC:DD", 20);

  @Test
  void theFolderComesFromTheFlagThenTheEnvironmentThenTheHome() {
    assertThat(ClusterStore.resolve(Path.of("/flag"), Map.of("BERTH_CONFIG_DIR", "/env"), "/home/u")).isEqualTo(Path.of("/flag"));
    assertThat(ClusterStore.resolve(null, Map.of("BERTH_CONFIG_DIR", "/env"), "/home/u")).isEqualTo(Path.of("/env"));
    assertThat(ClusterStore.resolve(null, Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.berth"));
  }

  @Test
  void clustersAreSavedOneFolderEachWithSecretsOwnerOnly() throws Exception {
    ClusterStore store = new ClusterStore(home.resolve("cfg"));
    store.save(A);
    store.saveCa(A.id(), "pem".getBytes());
    store.saveToken(A.id(), "tok");
    Path folder = home.resolve("cfg/clusters/" + A.id());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("cfg")))).isEqualTo("rwx------");
    for (String f : new String[] {"token", "ca.crt", "cluster.json"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(f)))).as(f).isEqualTo("rw-------");
    }
    assertThat(store.list()).containsExactly(A.withTimeout(ClusterConfig.DEFAULT_TIMEOUT_SECONDS));
    assertThat(store.token(A.id())).contains("tok");
    assertThat(new String(store.ca(A.id()))).isEqualTo("pem");
    store.removeToken(A.id());
    assertThat(store.token(A.id())).isEmpty();
  }

  @Test
  void oneClusterIsAttachedAndFoundByNameIdOrIdPrefix() {
    ClusterStore store = new ClusterStore(home);
    assertThatThrownBy(store::requireAttached).isInstanceOf(CliFailure.class).hasMessageContaining("berth cluster setup");
    store.save(A);
    store.save(B);
    assertThatThrownBy(store::requireAttached).hasMessageContaining("berth cluster attach");
    store.attach(A.id());
    store.attach(B.id());
    assertThat(store.requireAttached()).isEqualTo(B);
    assertThat(store.find("prod")).isEqualTo(A);
    assertThat(store.find(B.id())).isEqualTo(B);
    assertThat(store.find("bbbb")).isEqualTo(B);
    assertThatThrownBy(() -> store.find("nope")).isInstanceOf(CliFailure.class).hasMessageContaining("no cluster 'nope'");
    store.remove(B.id());
    assertThat(store.list()).extracting(ClusterConfig::name).containsExactly("prod");
    assertThat(store.attached()).isEmpty();
  }
}
