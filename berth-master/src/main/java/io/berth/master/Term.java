package io.berth.master;

import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import io.berth.client.AgentClient;
import io.berth.common.id.IdGenerator;
import io.berth.common.time.Ticker;
import io.berth.master.allocation.OfferBook;
import io.berth.master.loop.MasterLoop;
import io.berth.state.image.Task;
import java.time.InstantSource;

/**
 * What the parts of one leadership term share: the loop that owns the state, time, ids, the agent client, the
 * offer book and the connected schedulers. Everything here is used on the loop thread only.
 */
record Term(
    MasterConfig config,
    MasterLoop loop,
    InstantSource clock,
    Ticker ticker,
    IdGenerator ids,
    AgentClient agentClient,
    OfferBook offers,
    FrameworkSessions sessions) {

  long now() {
    return ticker.nanos();
  }

  /** A status made by the master about a task (agent lost, launch failed, reconciliation). */
  TaskStatus masterStatus(Task task, TaskState state, TaskStatus.Reason reason, String message) {
    TaskStatus last = task.latest();
    return new TaskStatus(task.id(), task.info().frameworkId(), task.info().agentId(), state, reason,
        TaskStatus.Source.SOURCE_MASTER, message, clock.instant(), ids.next(), null, last.containerId(), null);
  }

  /** Runs blocking I/O (calls to agents) off the loop thread. */
  static void io(Runnable action) {
    Thread.ofVirtual().name("master-io").start(action);
  }
}
