package io.berth.agent.runc;

import io.berth.agent.runtime.ContainerSpec;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Benchmarks only: OCI bundles written exactly as the agent's {@link RuncRuntime} writes them (its
 * {@link OciSpecWriter} with the shared {@link HostRootfs} skeleton of {@link SharedRootfs} under the state dir:
 * host filesystem read-only plus the sandbox, the same namespaces,
 * capabilities, init and cgroup limits), so that a raw-runc reference runs the same container as a Berth task.
 *
 * <p>It lives in berth-agent-runc's package, in the bench module, because the writer is package-private there;
 * it only calls the writer and {@link ContainerDir#delete}, and changes nothing in that module.
 */
public final class ReferenceBundles {
  private final RuncConfig config;
  private final OciSpecWriter writer;

  /**
   * @param stateDir the benchmark's own runc state (hidden from its containers, as the agent hides its own)
   * @param cgroupParent absolute cgroup parent of the containers (e.g. {@code /berth-bench})
   */
  public ReferenceBundles(Path stateDir, String cgroupParent) {
    this.config = RuncConfig.defaults(stateDir).withCgroupParent(cgroupParent);
    SharedRootfs rootfs = new SharedRootfs(new HostRootfs(Path.of("/"), config.hiddenPaths()),
        stateDir.resolve("rootfs"), ContainerSpec.SANDBOX_MOUNT);
    this.writer = new OciSpecWriter(config, rootfs, CgroupReader.detect());
  }

  /** The runc binary the agent would use. */
  public Path runc() {
    return config.runc();
  }

  /** The container init (tini) the agent would put in front of the command, if any. */
  public String init() {
    return config.init().map(Path::toString).orElse("none");
  }

  /** Writes {@code config.json} of {@code spec} into {@code bundle} (its root is the shared skeleton). */
  public void write(ContainerSpec spec, Path bundle) throws IOException {
    java.nio.file.Files.createDirectories(bundle);
    writer.write(spec, new ContainerDir(bundle));
  }

  /** Deletes a bundle (never the shared skeleton, which is not in it). */
  public static void delete(Path bundle) throws IOException {
    new ContainerDir(bundle).delete();
  }
}
