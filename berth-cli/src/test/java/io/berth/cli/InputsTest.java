package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputsTest {
  @TempDir
  Path dir;

  @Test
  void aMissingFileAndInvalidJsonAreUsageFailuresThatSayWhere() throws Exception {
    assertThatThrownBy(() -> Inputs.json(dir.resolve("nope.json"), null))
        .isInstanceOfSatisfying(CliFailure.class, f -> assertThat(f.exitCode()).isEqualTo(1))
        .hasMessage("no such file: " + dir.resolve("nope.json"));
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\n  \"id\": \"/web\",\n  \"cpus\": ,\n}");
    assertThatThrownBy(() -> Inputs.json(broken, null)).isInstanceOf(CliFailure.class)
        .hasMessageStartingWith(broken + " is not valid JSON: ").hasMessageContaining("line 3");
    Path empty = Files.writeString(dir.resolve("empty.json"), "");
    assertThatThrownBy(() -> Inputs.json(empty, null)).hasMessageContaining("is empty");
  }

  @Test
  void jsonComesFromTheFileOrFromStdin() throws Exception {
    Path app = Files.writeString(dir.resolve("app.json"), "{\"id\":\"/web\"}");
    assertThat(Inputs.json(app, null).path("id").asText()).isEqualTo("/web");
    assertThat(Inputs.json(null, new ByteArrayInputStream("{\"id\":\"/in\"}".getBytes())).path("id").asText()).isEqualTo("/in");
    assertThat(Inputs.json(Path.of("-"), new ByteArrayInputStream("[1]".getBytes())).isArray()).isTrue();
  }

  @Test
  void propertiesAreJsonWhenTheyParseElseStrings() {
    assertThat(Inputs.properties(List.of("instances=3", "cmd=sleep 10", "labels={\"a\":\"b\"}", "x=")).toString())
        .isEqualTo("{\"instances\":3,\"cmd\":\"sleep 10\",\"labels\":{\"a\":\"b\"},\"x\":\"\"}");
    assertThatThrownBy(() -> Inputs.properties(List.of("instances"))).isInstanceOf(CliFailure.class).hasMessageContaining("key=value");
  }

  @Test
  void aPasswordFileIsItsFirstLineOrTheCredentialsJson() throws Exception {
    assertThat(Inputs.secret(Files.writeString(dir.resolve("pw"), "s3cret\n")).password()).isEqualTo("s3cret");
    Inputs.Secret admin = Inputs.secret(Files.writeString(dir.resolve("admin"), "{\"uid\":\"bootstrapuser\",\"password\":\"p\"}"));
    assertThat(admin).isEqualTo(new Inputs.Secret("p", "bootstrapuser"));
    assertThatThrownBy(() -> Inputs.secret(dir.resolve("missing"))).isInstanceOf(CliFailure.class).hasMessageStartingWith("no such file");
  }
}
