package io.berth.state.jobs;

/**
 * A job's schedule as Metronome stores it, defaults filled in: a 5-field cron expression in {@code timezone},
 * how late a run may still start ({@code startingDeadlineSeconds}), and what to do while a run is active.
 */
public record ScheduleSpec(
    String id,
    String cron,
    String timezone,
    long startingDeadlineSeconds,
    ConcurrencyPolicy concurrencyPolicy,
    boolean enabled) {

  public static final long DEFAULT_STARTING_DEADLINE_SECONDS = 900;

  public enum ConcurrencyPolicy { ALLOW, FORBID }
}
