package io.berth.metronome.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Next-fire times in time zones and across DST changes (pure: no clock). */
class CronScheduleTest {
  static List<String> next(String cron, String zone, String after, int n) {
    CronSchedule s = CronSchedule.parse(cron, zone);
    List<String> out = new ArrayList<>();
    Instant t = Instant.parse(after);
    for (int i = 0; i < n; i++) {
      t = s.next(t).orElseThrow();
      out.add(t.atZone(s.zone()).toOffsetDateTime().toString());
    }
    return out;
  }

  @Test
  void everyMinuteFiresOnTheNextWholeMinute() {
    assertThat(next("* * * * *", "UTC", "2026-01-01T00:00:30Z", 2)).containsExactly("2026-01-01T00:01Z", "2026-01-01T00:02Z");
    assertThat(next("* * * * *", "UTC", "2026-01-01T00:01:00Z", 1)).containsExactly("2026-01-01T00:02Z");
  }

  @Test
  void theTimeZoneDecidesTheWallClockTime() {
    assertThat(next("20 0 * * *", "America/Chicago", "2026-07-01T00:00:00Z", 1)).containsExactly("2026-07-01T00:20-05:00");
    assertThat(next("20 0 * * *", "Asia/Kolkata", "2026-07-01T00:00:00Z", 1)).containsExactly("2026-07-02T00:20+05:30");
    assertThat(CronSchedule.parse("20 0 * * *", "Asia/Kolkata").next(Instant.parse("2026-07-01T00:00:00Z")))
        .contains(Instant.parse("2026-07-01T18:50:00Z"));
  }

  @Test
  void aTimeSkippedBySpringForwardDoesNotFireThatDay() {
    // 2026-03-08 02:30 does not exist in New York (clocks jump from 02:00 to 03:00)
    assertThat(next("30 2 * * *", "America/New_York", "2026-03-07T12:00:00Z", 2))
        .containsExactly("2026-03-09T02:30-04:00", "2026-03-10T02:30-04:00");
  }

  @Test
  void aTimeRepeatedByFallBackFiresOnce() {
    // 2026-11-01 01:30 happens twice in New York; it fires once, then the next day
    assertThat(next("30 1 * * *", "America/New_York", "2026-10-31T12:00:00Z", 2))
        .containsExactly("2026-11-01T01:30-04:00", "2026-11-02T01:30-05:00");
  }

  @Test
  void hourlyRunsKeepTheirRealIntervalAcrossDst() {
    List<String> fallBack = next("0 * * * *", "Europe/Berlin", "2026-10-25T00:30:00Z", 3);
    // 02:30 CEST is 00:30Z; at 03:00 CEST the clocks go back to 02:00 CET: the next hours are an hour apart each
    assertThat(fallBack).containsExactly("2026-10-25T02:00+01:00", "2026-10-25T03:00+01:00", "2026-10-25T04:00+01:00");
  }

  @Test
  void sundayIsZeroAndSevenAndBothDayFieldsMustMatch() {
    assertThat(next("0 0 * * 7", "UTC", "2026-01-01T00:00:00Z", 1)).isEqualTo(next("0 0 * * 0", "UTC", "2026-01-01T00:00:00Z", 1));
    assertThat(ZonedDateTime.parse(next("0 0 * * 7", "UTC", "2026-01-01T00:00:00Z", 1).getFirst()).getDayOfWeek().getValue()).isEqualTo(7);
    // the 1st of a month that is also a Monday
    assertThat(next("0 0 1 * 1", "UTC", "2026-01-01T00:00:00Z", 2)).containsExactly("2026-06-01T00:00Z", "2027-02-01T00:00Z");
    assertThat(next("0 12 L * *", "UTC", "2026-02-01T00:00:00Z", 1)).containsExactly("2026-02-28T12:00Z");
  }

  @Test
  void invalidExpressionsZonesAndImpossibleDatesAreRefused() {
    assertThatThrownBy(() -> CronSchedule.parse("0 0 31 2 *", "UTC")).hasMessageContaining("never fires");
    assertThatThrownBy(() -> CronSchedule.parse("61 * * * *", "UTC")).hasMessageContaining("invalid");
    assertThatThrownBy(() -> CronSchedule.parse("* * * *", "UTC")).hasMessageContaining("invalid");
    assertThatThrownBy(() -> CronSchedule.parse("* * * * *", "Nowhere/City")).hasMessageContaining("Invalid time zone");
  }
}
