package io.berth.cli;

/**
 * Why a command failed, as the one line the user sees and the exit code scripts see: {@link #USAGE} (1) when the user
 * must change something (arguments, files, names, login), {@link #SERVER} (2) when the server or the network failed.
 */
public final class CliFailure extends RuntimeException {
  public static final int USAGE = 1;
  public static final int SERVER = 2;

  private final int exitCode;

  public CliFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public static CliFailure usage(String message) {
    return new CliFailure(USAGE, message);
  }

  public static CliFailure server(String message) {
    return new CliFailure(SERVER, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
