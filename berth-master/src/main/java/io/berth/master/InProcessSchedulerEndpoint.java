package io.berth.master;

import io.berth.api.cluster.FrameworkInfo;
import io.berth.common.id.IdGenerator;
import io.berth.framework.SchedulerCall;
import io.berth.framework.SchedulerConnection;
import io.berth.framework.SchedulerEndpoint;
import io.berth.framework.SchedulerEvent;
import io.berth.master.api.AwaitResult;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The scheduler contract without a network: frameworks that run inside the leading master subscribe here. */
final class InProcessSchedulerEndpoint implements SchedulerEndpoint {
  private final LeaderTerm term;
  private final IdGenerator ids;

  InProcessSchedulerEndpoint(LeaderTerm term, IdGenerator ids) {
    this.term = term;
    this.ids = ids;
  }

  @Override
  public SchedulerConnection subscribe(FrameworkInfo framework, Consumer<SchedulerEvent> events) {
    String streamId = ids.next();
    String frameworkId = AwaitResult.of(term.subscribe(framework, streamId, events));
    return new SchedulerConnection() {
      @Override
      public String frameworkId() {
        return frameworkId;
      }

      @Override
      public CompletableFuture<Void> call(SchedulerCall call) {
        return term.call(frameworkId, streamId, call);
      }

      @Override
      public void close() {
        term.disconnect(frameworkId, streamId);
      }
    };
  }
}
