/** Metronome-compatible job scheduler: the /v1 API, cron schedules, runs and history. */
package io.berth.metronome;
