package io.berth.metronome;

import io.berth.common.id.IdGenerator;
import io.berth.common.time.Ticker;
import io.berth.http.Routes;
import io.berth.master.LeaderService;
import io.berth.master.Leadership;
import io.berth.metronome.api.MetronomeApi;
import io.berth.state.StatePublisher;
import java.time.InstantSource;

/**
 * Metronome on a master: the {@link JobScheduler} (a {@link LeaderService}: a framework of the leading master that
 * runs jobs, fires schedules and keeps history in the cluster state) and its API routes. Wiring only:
 * {@code master.withLeaderService(m.leaderService()).withRoutes(m::routes)}.
 */
public final class MetronomeModule {
  private final JobScheduler scheduler;
  private final JobService service;

  public MetronomeModule(StatePublisher publisher, InstantSource clock, Ticker ticker, IdGenerator ids, MetronomeConfig config) {
    this.scheduler = new JobScheduler(publisher, clock, ticker, ids, config);
    this.service = new JobService(scheduler);
  }

  public LeaderService leaderService() {
    return scheduler;
  }

  public JobService jobs() {
    return service;
  }

  public Routes routes(Leadership leadership) {
    return new MetronomeApi(service, leadership).routes();
  }
}
