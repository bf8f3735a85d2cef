package io.berth.common.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {
  @Test
  void fastIdsAreDistinctVersion4Uuids() {
    IdGenerator ids = IdGenerator.fast();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = ids.next();
      UUID uuid = UUID.fromString(id);
      assertThat(uuid.version()).isEqualTo(4);
      assertThat(uuid.variant()).isEqualTo(2);
      assertThat(seen.add(id)).as("id %s made twice", id).isTrue();
    }
  }

  @Test
  void sequentialIdsCountUp() {
    IdGenerator ids = IdGenerator.sequential("t");
    assertThat(ids.next()).isEqualTo("t-1");
    assertThat(ids.next()).isEqualTo("t-2");
  }
}
