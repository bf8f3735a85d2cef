package io.berth.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A noun without its verb ({@code berth app}): prints its usage to stderr and exits 1. */
public abstract class NounCommand implements Callable<Integer> {
  @Spec
  protected CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    spec.commandLine().getErr().println("berth: '" + spec.qualifiedName() + "' needs a command (see above)");
    return CliFailure.USAGE;
  }
}
