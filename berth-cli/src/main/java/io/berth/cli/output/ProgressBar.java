package io.berth.cli.output;

/**
 * One progress line (pure): a label, a bar of {@code done} against {@code target}, and what the numbers mean, e.g.
 * {@code /web  [##########..........]  2/4 running  1/4 healthy  deploying}. Without a terminal the bar is left out.
 */
public final class ProgressBar {
  public static final int BAR_WIDTH = 20;

  private ProgressBar() {}

  /** One stage of work: its label, how much is done against the target, and a short status text. */
  public record Line(String label, int done, int target, String status) {}

  /** The line with a bar (for terminals). */
  public static String bar(Line line) {
    int target = Math.max(line.target(), 0);
    int done = Math.max(0, Math.min(line.done(), target));
    int filled = target == 0 ? BAR_WIDTH : (int) Math.round((double) done * BAR_WIDTH / target);
    return line.label() + "  [" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "]  " + line.status();
  }

  /** The line without a bar (for logs and pipes). */
  public static String plain(Line line) {
    return line.label() + ": " + line.status();
  }
}
