package io.berth.metronome;

import io.berth.common.id.IdGenerator;
import io.berth.state.jobs.Job;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;

/** Run ids as Metronome makes them: {@code yyyyMMddHHmmss} of the creation time and 5 random letters or digits, unique per job. */
final class RunIds {
  private static final DateTimeFormatter PREFIX = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private final IdGenerator ids;

  RunIds(IdGenerator ids) {
    this.ids = ids;
  }

  /** A supplier of new run ids for {@code job} at {@code now}; ids it gives are unique among the job's runs. */
  java.util.function.Supplier<String> forJob(Job job, Instant now) {
    Set<String> taken = new HashSet<>(job.activeRuns().keySet());
    job.history().successfulFinishedRuns().forEach(r -> taken.add(r.id()));
    job.history().failedFinishedRuns().forEach(r -> taken.add(r.id()));
    String prefix = PREFIX.format(now);
    return () -> {
      String id;
      int salt = 0;
      do {
        id = prefix + suffix(ids.next() + "#" + salt++);
      } while (!taken.add(id));
      return id;
    };
  }

  private static String suffix(String seed) {
    long h = seed.hashCode() * 0x9E3779B97F4A7C15L ^ ((long) seed.length() << 32);
    h ^= (h >>> 29);
    StringBuilder sb = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      sb.append(ALPHABET.charAt((int) Math.floorMod(h, (long) ALPHABET.length())));
      h = Math.floorDiv(h, ALPHABET.length()) ^ (h << 7);
    }
    return sb.toString();
  }
}
