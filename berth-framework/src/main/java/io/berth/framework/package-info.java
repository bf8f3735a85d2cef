/**
 * The contract between the master and schedulers (frameworks), modelled on the Mesos v1 scheduler API.
 *
 * <p>A scheduler subscribes through a {@link io.berth.framework.SchedulerEndpoint} and receives
 * {@link io.berth.framework.SchedulerEvent}s (offers, status updates, ...); it acts through
 * {@link io.berth.framework.SchedulerCall}s on its {@link io.berth.framework.SchedulerConnection}. Marathon and
 * Metronome use the in-process endpoint of the master; third-party frameworks use the same contract over HTTP
 * ({@code POST /api/v1/scheduler}, Mesos v1 JSON with RecordIO event streams, see {@code io.berth.framework.http}).
 */
package io.berth.framework;
