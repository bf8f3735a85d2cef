package io.berth.agent.runc;

import io.berth.agent.runtime.ContainerException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a new {@link RuncRuntime} does with the state an earlier process left: containers with a monitor are
 * kept (running or exited, they are found by {@code list()}); starts that did not get as far as conmon, or whose
 * spare monitor had not reported the container yet (the agent died in between), are discarded, and so are containers whose monitor's pid file is gone with the tmpfs it was on
 * (the machine restarted: the container is gone too, and the agent reports its task lost) and runc containers
 * without a bundle directory. Exit files are left alone (conmon may be writing one through a temporary file right
 * now); {@code start} replaces a stale one.
 */
final class Recovery {
  private static final Logger log = LoggerFactory.getLogger(Recovery.class);

  private final RuncRuntime runtime;

  Recovery(RuncRuntime runtime) {
    this.runtime = runtime;
  }

  void run() {
    List<String> ids = runtime.list();
    Set<String> kept = new HashSet<>();
    for (String id : ids) {
      ContainerDir dir = runtime.dir(id);
      if (dir.conmonPid().isEmpty() && !Files.exists(dir.exitStatus()) || Files.exists(dir.gate())) {
        log.warn("container {}: no monitor was started, or its spare monitor still waits (its start did not"
            + " finish, or the machine restarted), discarding it", id);
        discard(id, dir);
      } else {
        kept.add(id);
      }
    }
    try {
      for (String id : runtime.runc().list()) {
        if (!kept.contains(id)) {
          log.warn("runc container {} has no bundle directory, deleting it", id);
          discard(id, runtime.dir(id));
        }
      }
    } catch (ContainerException e) {
      log.warn("cannot list runc containers: {}", e.getMessage());
    }
    if (!kept.isEmpty()) {
      log.info("found {} containers of an earlier run: {}", kept.size(), kept);
    }
  }

  private void discard(String id, ContainerDir dir) {
    try {
      runtime.discard(id, dir);
    } catch (ContainerException e) {
      log.warn("container {}: {}", id, e.getMessage());
    }
  }
}
