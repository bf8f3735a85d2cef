package io.berth.agent;

import io.berth.state.election.LeaderDetector;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A leader detector a test switches by hand. */
final class SwitchableLeader implements LeaderDetector {
  private final List<Consumer<Optional<String>>> listeners = new CopyOnWriteArrayList<>();
  private volatile Optional<String> leader;

  SwitchableLeader(String initial) {
    leader = Optional.ofNullable(initial);
  }

  void set(String url) {
    leader = Optional.ofNullable(url);
    listeners.forEach(l -> l.accept(leader));
  }

  @Override
  public Optional<String> leader() {
    return leader;
  }

  @Override
  public void onChange(Consumer<Optional<String>> listener) {
    listeners.add(listener);
  }

  @Override
  public void close() {}
}
