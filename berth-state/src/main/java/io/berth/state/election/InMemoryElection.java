package io.berth.state.election;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Leader election in memory, for component and simulation tests: the earliest participant that has not
 * left leads. Listeners are called synchronously on the caller's thread.
 */
public final class InMemoryElection {
  private final List<Participant> participants = new ArrayList<>();
  private final List<Consumer<Optional<String>>> watchers = new CopyOnWriteArrayList<>();

  public synchronized LeaderElection participant(String id) {
    return new Participant(id);
  }

  public synchronized Optional<String> leader() {
    return participants.isEmpty() ? Optional.empty() : Optional.of(participants.getFirst().id);
  }

  public LeaderDetector detector() {
    return new LeaderDetector() {
      public Optional<String> leader() {
        return InMemoryElection.this.leader();
      }

      public void onChange(Consumer<Optional<String>> listener) {
        watchers.add(listener);
      }

      public void close() {}
    };
  }

  private void changed(Participant oldLeader) {
    Participant newLeader;
    synchronized (this) {
      newLeader = participants.isEmpty() ? null : participants.getFirst();
    }
    if (newLeader == oldLeader) {
      return;
    }
    if (oldLeader != null && oldLeader.listener != null) {
      oldLeader.listener.revoked();
    }
    if (newLeader != null && newLeader.listener != null) {
      newLeader.listener.elected();
    }
    Optional<String> leader = Optional.ofNullable(newLeader).map(p -> p.id);
    watchers.forEach(w -> w.accept(leader));
  }

  private final class Participant implements LeaderElection {
    private final String id;
    private Listener listener;

    Participant(String id) {
      this.id = id;
    }

    @Override
    public void start(Listener l) {
      Participant oldLeader;
      synchronized (InMemoryElection.this) {
        listener = l;
        oldLeader = participants.isEmpty() ? null : participants.getFirst();
        participants.add(this);
      }
      changed(oldLeader);
    }

    @Override
    public boolean isLeader() {
      synchronized (InMemoryElection.this) {
        return !participants.isEmpty() && participants.getFirst() == this;
      }
    }

    @Override
    public Optional<String> leader() {
      return InMemoryElection.this.leader();
    }

    @Override
    public void onChange(Consumer<Optional<String>> l) {
      watchers.add(l);
    }

    @Override
    public void abdicate() {
      Participant newLeader;
      synchronized (InMemoryElection.this) {
        if (participants.isEmpty() || participants.getFirst() != this) {
          return;
        }
        participants.remove(this);
        participants.add(this);
        newLeader = participants.getFirst();
      }
      if (listener != null) {
        listener.revoked();
      }
      if (newLeader.listener != null) {
        newLeader.listener.elected();
      }
      watchers.forEach(w -> w.accept(Optional.of(newLeader.id)));
    }

    @Override
    public void close() {
      Participant oldLeader;
      synchronized (InMemoryElection.this) {
        oldLeader = participants.isEmpty() ? null : participants.getFirst();
        participants.remove(this);
      }
      changed(oldLeader);
    }
  }
}
