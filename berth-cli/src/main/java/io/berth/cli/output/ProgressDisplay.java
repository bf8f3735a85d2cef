package io.berth.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Shows the progress of work that runs on the cluster. On a terminal the lines are redrawn in place (ANSI: cursor up,
 * erase line) with bars; otherwise each line is printed as plain text only when it changed, so logs stay readable.
 */
public final class ProgressDisplay {
  private final PrintWriter out;
  private final boolean terminal;
  private List<String> shown = List.of();

  public ProgressDisplay(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  public boolean terminal() {
    return terminal;
  }

  /** Shows the current state of every stage. */
  public void show(List<ProgressBar.Line> lines) {
    List<String> text = new ArrayList<>();
    for (ProgressBar.Line l : lines) {
      text.add(terminal ? ProgressBar.bar(l) : ProgressBar.plain(l));
    }
    if (terminal) {
      StringBuilder redraw = new StringBuilder();
      if (!shown.isEmpty()) {
        redraw.append("\r\033[").append(shown.size()).append('A');
      }
      for (String t : text) {
        redraw.append("\r\033[2K").append(t).append('\n');
      }
      if (!text.equals(shown)) {
        out.print(redraw);
      }
    } else {
      for (int i = 0; i < text.size(); i++) {
        if (i >= shown.size() || !shown.get(i).equals(text.get(i))) {
          out.println(text.get(i));
        }
      }
    }
    out.flush();
    shown = List.copyOf(text);
  }

  /** A closing line under the progress lines. */
  public void done(String message) {
    out.println(message);
    out.flush();
  }
}
