package io.berth.state.election;

import java.util.Optional;
import java.util.function.Consumer;

/** Tells who leads: the advertised URL of the leading master, if there is one. Agents and clients use it. */
public interface LeaderDetector extends AutoCloseable {
  Optional<String> leader();

  /** Called with the new leader (or empty) whenever it changes. */
  void onChange(Consumer<Optional<String>> listener);

  @Override
  void close();

  /** A detector for a fixed master URL (a single master, or tests). */
  static LeaderDetector fixed(String url) {
    return new LeaderDetector() {
      public Optional<String> leader() {
        return Optional.of(url);
      }

      public void onChange(Consumer<Optional<String>> listener) {}

      public void close() {}
    };
  }
}
