package io.berth.logs.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.common.error.BerthException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalReaderTest {
  @TempDir
  Path dir;
  JournalFilesFixture files;
  JournalReader reader;

  @BeforeEach
  void setUp() {
    files = new JournalFilesFixture(dir);
    reader = new JournalReader(dir);
  }

  /** m0..m8 over three generations (two on one day, one on the next), units alternating master/agent. */
  private List<Cursor> nineEntriesOverThreeFiles() throws Exception {
    List<Cursor> cursors = new java.util.ArrayList<>();
    int n = 0;
    for (String[] g : new String[][] {{"2026-11-24", "7"}, {"2026-11-25", "0"}, {"2026-11-25", "1"}}) {
      for (int i = 0; i < 3; i++, n++) {
        cursors.add(files.append(g[0], Integer.parseInt(g[1]), "m" + n, n % 2 == 0 ? "master.service" : "agent.service"));
      }
    }
    return cursors;
  }

  private static List<String> messages(List<JournalEntry> entries) {
    return entries.stream().map(JournalEntry::message).toList();
  }

  @Test
  void readsAllFilesInGenerationOrderWithTheirCursors() throws Exception {
    List<Cursor> cursors = nineEntriesOverThreeFiles();
    List<JournalEntry> all = reader.read(JournalQuery.all());
    assertThat(messages(all)).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8");
    assertThat(all.stream().map(JournalEntry::cursor).toList()).isEqualTo(cursors);
    assertThat(all.getFirst().realtimeMicros()).isEqualTo(1_795_000_000_000_000L);
    assertThat(all.getFirst().fields()).doesNotContainKey(JournalEntry.REALTIME).containsEntry("PRIORITY", "6");
  }

  @Test
  void skipBackFromTheEndGivesTheLastEntriesAcrossFiles() throws Exception {
    nineEntriesOverThreeFiles();
    assertThat(messages(reader.read(JournalQuery.last(4)))).containsExactly("m5", "m6", "m7", "m8");
    assertThat(messages(reader.read(JournalQuery.last(100)))).hasSize(9).startsWith("m0");
  }

  @Test
  void cursorsSkipAndLimitMoveForwardAndBackward() throws Exception {
    List<Cursor> c = nineEntriesOverThreeFiles();
    var at = new JournalQuery.Start.At(c.get(4));
    assertThat(messages(reader.read(new JournalQuery(at, 0, 2, List.of())))).containsExactly("m4", "m5");
    assertThat(messages(reader.read(new JournalQuery(at, 2, 2, List.of())))).containsExactly("m6", "m7");
    assertThat(messages(reader.read(new JournalQuery(at, -2, 3, List.of())))).containsExactly("m2", "m3", "m4");
    assertThat(messages(reader.read(new JournalQuery(new JournalQuery.Start.After(c.get(4)), 0, -1, List.of()))))
        .containsExactly("m5", "m6", "m7", "m8");
    assertThat(reader.read(new JournalQuery(new JournalQuery.Start.End(), 0, -1, List.of()))).isEmpty();
    assertThat(reader.read(new JournalQuery(new JournalQuery.Start.Beginning(), 100, -1, List.of()))).isEmpty();
  }

  @Test
  void aReverseReadGoesBackFromWhereTheForwardReadWouldStartNewestFirst() throws Exception {
    List<Cursor> c = nineEntriesOverThreeFiles();
    var end = new JournalQuery.Start.End();
    assertThat(messages(reader.read(new JournalQuery(end, 0, 3, List.of(), true)))).containsExactly("m8", "m7", "m6");
    assertThat(messages(reader.read(new JournalQuery(end, 0, -1, List.of(), true)))).hasSize(9).endsWith("m0");
    var at = new JournalQuery.Start.At(c.get(4));
    assertThat(messages(reader.read(new JournalQuery(at, 0, 2, List.of(), true)))).as("the cursor's own entry is not repeated")
        .containsExactly("m3", "m2");
    assertThat(messages(reader.read(new JournalQuery(at, 2, 3, List.of(), true)))).containsExactly("m5", "m4", "m3");
    assertThat(messages(reader.read(new JournalQuery(at, -2, -1, List.of(), true)))).containsExactly("m1", "m0");
    assertThat(messages(reader.read(new JournalQuery(new JournalQuery.Start.After(c.get(4)), 0, 2, List.of(), true))))
        .containsExactly("m4", "m3");
    assertThat(messages(reader.read(new JournalQuery(new JournalQuery.Start.Beginning(), 100, 2, List.of(), true))))
        .as("skipped past the end: back from the end").containsExactly("m8", "m7");
    assertThat(reader.read(new JournalQuery(new JournalQuery.Start.Beginning(), 0, -1, List.of(), true))).isEmpty();
    List<FieldMatch> agent = List.of(FieldMatch.parse("_systemd_unit:agent.service"));
    assertThat(messages(reader.read(new JournalQuery(end, 0, 2, agent, true)))).containsExactly("m7", "m5");
  }

  @Test
  void matchesApplyToSkippingToo() throws Exception {
    nineEntriesOverThreeFiles();
    List<FieldMatch> agent = List.of(FieldMatch.parse("_systemd_unit:agent.service"));
    assertThat(messages(reader.read(new JournalQuery(new JournalQuery.Start.End(), -2, -1, agent))))
        .containsExactly("m5", "m7");
    List<FieldMatch> both = List.of(FieldMatch.parse("_SYSTEMD_UNIT:agent.service"), FieldMatch.parse("MESSAGE:m3"));
    assertThat(messages(reader.read(JournalQuery.all().withMatches(both)))).containsExactly("m3");
    assertThat(messages(reader.read(JournalQuery.all().withMatches(List.of(FieldMatch.unit("master.service"))))))
        .containsExactly("m0", "m2", "m4", "m6", "m8");
    assertThat(reader.values("_SYSTEMD_UNIT")).containsExactly("agent.service", "master.service");
  }

  @Test
  void aCursorHeldAcrossRotationStaysValidAndADeletedFileReadsOnFromTheOldest() throws Exception {
    List<Cursor> c = nineEntriesOverThreeFiles();
    Cursor held = c.get(5);
    files.append("2026-11-25", 2, "m9", "master.service"); // rotation: a new generation, old files untouched
    assertThat(messages(reader.read(new JournalQuery(new JournalQuery.Start.After(held), 0, -1, List.of()))))
        .containsExactly("m6", "m7", "m8", "m9");
    Files.delete(dir.resolve(c.get(0).generation().fileName())); // the oldest file is removed
    assertThat(messages(reader.read(new JournalQuery(new JournalQuery.Start.After(c.get(1)), 0, 2, List.of()))))
        .containsExactly("m3", "m4");
  }

  @Test
  void aLineStillBeingWrittenIsNotAnEntryYetAndTornLinesAreSkipped() throws Exception {
    files.append("2026-11-25", 0, "whole", "u");
    files.appendRaw("2026-11-25", 0, "{not json}\n");
    files.appendRaw("2026-11-25", 0, "{\"MESSAGE\":\"half");
    assertThat(messages(reader.read(JournalQuery.all()))).containsExactly("whole");
    Cursor end = reader.end();
    files.appendRaw("2026-11-25", 0, "\"}\n");
    assertThat(messages(reader.read(new JournalQuery(new JournalQuery.Start.At(end), 0, -1, List.of()))))
        .containsExactly("half");
  }

  @Test
  void anEmptyOrMissingJournalHasNoEntries() {
    assertThat(new JournalReader(dir.resolve("missing")).read(JournalQuery.all())).isEmpty();
    assertThat(reader.read(JournalQuery.last(5))).isEmpty();
    assertThat(reader.end()).isNull();
  }

  @Test
  void badCursorsFiltersAndLimitsAre400s() {
    for (String bad : new String[] {"", "x", "2026-11-25:3", "2026-11-25.1:-4", "2026-11-25.1:9999999999999999999"}) {
      assertThatThrownBy(() -> Cursor.parse(bad)).isInstanceOf(BerthException.class).hasMessageContaining("Invalid cursor");
    }
    assertThatThrownBy(() -> FieldMatch.parse("NOCOLON")).hasMessageContaining("expected FIELD:value");
    assertThatThrownBy(() -> FieldMatch.parse(":value")).hasMessageContaining("expected FIELD:value");
    assertThatThrownBy(() -> FieldMatch.parse("BAD FIELD:x")).hasMessageContaining("letters, digits");
    assertThatThrownBy(() -> new JournalQuery(new JournalQuery.Start.Beginning(), 0, -2, List.of()))
        .hasMessageContaining("Invalid limit");
    assertThat(Cursor.parse("2026-11-25.12:345")).isEqualTo(new Cursor(new Cursor.Generation("2026-11-25", 12), 345));
    assertThat(Cursor.parse("2026-11-25.12:345").toString()).isEqualTo("2026-11-25.12:345");
    assertThat(FieldMatch.parse("filter:a:b")).isEqualTo(new FieldMatch(List.of("FILTER"), "a:b"));
  }

  @Test
  void generationsOrderByDayThenNumericIndex() throws Exception {
    files.append("2026-11-25", 10, "later", "u");
    files.append("2026-11-25", 9, "earlier", "u");
    files.append("2026-11-24", 11, "earliest", "u");
    Files.writeString(dir.resolve("unrelated.txt"), "ignored\n");
    assertThat(messages(reader.read(JournalQuery.all()))).containsExactly("earliest", "earlier", "later");
  }
}
