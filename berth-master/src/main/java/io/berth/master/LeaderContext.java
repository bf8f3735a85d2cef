package io.berth.master;

import io.berth.framework.SchedulerEndpoint;
import io.berth.state.StatePublisher;
import io.berth.state.StateWriter;

/**
 * What a {@link LeaderService} gets for one term: the in-process scheduler endpoint (to be a framework), a writer of
 * change records committed through the leader's loop, and the publisher of images and deltas (to read).
 */
public record LeaderContext(SchedulerEndpoint scheduler, StateWriter state, StatePublisher publisher) {}
