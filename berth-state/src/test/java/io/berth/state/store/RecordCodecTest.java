package io.berth.state.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.state.iam.IamChange;
import io.berth.state.record.ChangeRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
  private static final List<ChangeRecord> SMALL = List.of(new IamChange.GroupSaved("ops", "Operators", null),
      new IamChange.MemberAdded("ops", "alice"));

  private static List<ChangeRecord> large() {
    List<ChangeRecord> records = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      records.add(new IamChange.MemberAdded("group-" + i, "user-" + i));
    }
    return records;
  }

  @Test
  void aSmallBatchIsPlainJsonAndReadsBack() {
    byte[] bytes = RecordCodec.encodeBatch(SMALL);

    assertThat(RecordCodec.isGzip(bytes)).isFalse();
    assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("[").contains("\"ops\"");
    assertThat(RecordCodec.decodeBatch(bytes)).isEqualTo(SMALL);
  }

  @Test
  void aLargeBatchIsGzippedAndReadsBack() {
    byte[] bytes = RecordCodec.encodeBatch(large());

    assertThat(RecordCodec.isGzip(bytes)).isTrue();
    assertThat(RecordCodec.decodeBatch(bytes)).isEqualTo(large());
  }

  @Test
  void aSmallBatchGzippedByAnEarlierVersionStillReads() throws IOException {
    byte[] plain = RecordCodec.encodeBatch(SMALL);
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(gzipped)) {
      gz.write(plain);
    }

    assertThat(RecordCodec.decodeBatch(gzipped.toByteArray())).isEqualTo(SMALL);
  }
}
