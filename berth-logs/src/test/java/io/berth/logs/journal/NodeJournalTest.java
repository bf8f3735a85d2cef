package io.berth.logs.journal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class NodeJournalTest {
  private static final Logger log = LoggerFactory.getLogger("io.berth.marathon.TestScheduler");

  @TempDir
  Path dir;

  @Test
  void logEventsBecomeJournalEntriesWithJournaldFieldsAndRotateIntoBoundedGenerations() throws Exception {
    NodeJournal journal = NodeJournal.install(dir, "berth-master", "node-1", new NodeJournal.Limits(4096, 3),
        () -> 7_000_000L);
    Cursor held;
    try {
      log.warn("first {}", "entry");
      held = journal.reader().read(JournalQuery.last(1)).getFirst().cursor();
      log.error("with a stack", new IllegalStateException("boom"));
      for (int i = 0; i < 200; i++) {
        log.info("filler line {} {}", i, "x".repeat(100));
      }
    } finally {
      journal.close();
    }
    JournalReader reader = new JournalReader(dir);
    List<Cursor.Generation> generations = reader.generations();
    assertThat(generations).hasSize(3); // rotated by size (~60 kB in 4 kB files), the oldest removed beyond 3
    assertThat(generations.getLast().index()).isGreaterThan(10);
    for (Cursor.Generation g : generations) {
      assertThat(java.nio.file.Files.size(dir.resolve(g.fileName()))).isLessThan(4096 + 400);
    }
    List<JournalEntry> last = reader.read(JournalQuery.last(1));
    assertThat(last.getFirst().message()).startsWith("filler line 199 ");
    assertThat(last.getFirst().fields())
        .containsEntry("PRIORITY", "6")
        .containsEntry("SYSLOG_IDENTIFIER", "berth-marathon")
        .containsEntry("UNIT", "berth-marathon.service")
        .containsEntry("_SYSTEMD_UNIT", "berth-master.service")
        .containsEntry("LOGGER", "io.berth.marathon.TestScheduler")
        .containsEntry("_HOSTNAME", "node-1")
        .containsEntry("_PID", Long.toString(ProcessHandle.current().pid()))
        .containsKey("THREAD");
    assertThat(last.getFirst().monotonicMicros()).isEqualTo(7_000L);
    assertThat(last.getFirst().realtimeMicros()).isGreaterThan(1_700_000_000_000_000L);
    // the held cursor's file is gone; a follower holding it reads on from the oldest file left
    List<JournalEntry> after = reader.read(new JournalQuery(new JournalQuery.Start.After(held), 0, 1, List.of()));
    assertThat(after).hasSize(1);
    assertThat(after.getFirst().cursor()).isGreaterThan(held);
  }

  @Test
  void stackTracesAreInTheMessageAndLevelsAreSyslogPriorities() {
    JournalEncoder encoder = new JournalEncoder("berth-agent", "h", 1, () -> 0);
    var fields = encoder.fields("failed", Level.ERROR, "io.berth.agent.TaskRunner", "t", "java.lang.X: boom\n\tat a.b\n");
    assertThat(fields.get("MESSAGE")).startsWith("failed").contains("java.lang.X: boom").endsWith("at a.b");
    assertThat(fields).containsEntry("PRIORITY", "3").containsEntry("SYSLOG_IDENTIFIER", "berth-agent")
        .containsEntry("UNIT", "berth-agent.service");
    assertThat(JournalEncoder.priority(Level.WARN)).isEqualTo(4);
    assertThat(JournalEncoder.priority(Level.DEBUG)).isEqualTo(7);
    assertThat(JournalEncoder.priority(Level.TRACE)).isEqualTo(7);
    assertThat(LogUnits.component("berth.gateway.access", "berth-master")).isEqualTo("berth-gateway");
    assertThat(LogUnits.component("org.apache.zookeeper.X", "berth-master")).isEqualTo("berth-master");
  }

}
