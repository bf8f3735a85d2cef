package io.berth.metronome.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A Metronome cron expression in a time zone. Pure: it answers "the first occurrence after t" and never reads a
 * clock. Five fields ({@code min hour day-of-month month day-of-week}) and an optional sixth (year); day-of-week 0-7
 * with 0 and 7 both Sunday; {@code *}, ranges, lists, steps, {@code L}, {@code W}, {@code #}. When day-of-month
 * and day-of-week are both restricted, a day must match both (Metronome's definition; Vixie cron uses either).
 * Occurrences are wall-clock times of the zone: across a DST change a time that does not exist is skipped by
 * cron-utils' rules and a time that exists twice fires once.
 */
public final class CronSchedule {
  private static final CronDefinition DEFINITION = CronDefinitionBuilder.defineCron()
      .withMinutes().withValidRange(0, 59).withStrictRange().and()
      .withHours().withValidRange(0, 23).withStrictRange().and()
      .withDayOfMonth().withValidRange(1, 31).supportsL().supportsW().supportsLW().supportsQuestionMark().withStrictRange().and()
      .withMonth().withValidRange(1, 12).withStrictRange().and()
      .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0).supportsHash().supportsL()
          .supportsQuestionMark().withStrictRange().and()
      .withYear().withValidRange(1970, 2099).withStrictRange().optional().and()
      .matchDayOfWeekAndDayOfMonth()
      .instance();
  private static final CronParser PARSER = new CronParser(DEFINITION);
  /** A reference point for "does this expression ever fire": impossible dates (Feb 31) never do. */
  private static final ZonedDateTime EPOCH_2000 = ZonedDateTime.parse("2000-01-01T00:00:00Z");

  private static final java.util.Map<String, CronSchedule> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

  private final String expression;
  private final ZoneId zone;
  private final ExecutionTime execution;

  private CronSchedule(String expression, ZoneId zone, ExecutionTime execution) {
    this.expression = expression;
    this.zone = zone;
    this.execution = execution;
  }

  /**
   * Parses {@code expression} in {@code timeZone}.
   *
   * @throws IllegalArgumentException with a message for the user: not a valid cron, unknown time zone, or never fires
   */
  public static CronSchedule parse(String expression, String timeZone) {
    ZoneId zone;
    try {
      zone = ZoneId.of(timeZone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("Invalid time zone: " + timeZone);
    }
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException("Cron expression is empty");
    }
    Cron cron;
    try {
      cron = PARSER.parse(expression.strip()).validate();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Cron expression is invalid: " + expression + " (" + e.getMessage() + ")");
    }
    CronSchedule schedule = new CronSchedule(expression, zone, ExecutionTime.forCron(cron));
    if (schedule.nextSafely(EPOCH_2000.toInstant()).isEmpty()) {
      throw new IllegalArgumentException("Cron expression never fires: " + expression);
    }
    return schedule;
  }

  /** Like {@link #parse}, remembering the parsed schedules (jobs' schedules are parsed on every planning pass). */
  public static CronSchedule of(String expression, String timeZone) {
    String key = timeZone + "|" + expression;
    CronSchedule cached = CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    CronSchedule parsed = parse(expression, timeZone);
    if (CACHE.size() > 10_000) {
      CACHE.clear();
    }
    CACHE.put(key, parsed);
    return parsed;
  }

  /** The first occurrence strictly after {@code after}; empty when there is none (a year field that has passed). */
  public Optional<Instant> next(Instant after) {
    return nextSafely(after);
  }

  private Optional<Instant> nextSafely(Instant after) {
    try {
      return execution.nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  public String expression() {
    return expression;
  }

  public ZoneId zone() {
    return zone;
  }
}
