package io.berth.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void theBarFillsInProportionToDoneAgainstTarget() {
    assertThat(ProgressBar.bar(new ProgressBar.Line("/web", 1, 4, "1/4 running")))
        .isEqualTo("/web  [#####...............]  1/4 running");
    assertThat(ProgressBar.bar(new ProgressBar.Line("/web", 4, 4, "done"))).isEqualTo("/web  [####################]  done");
    assertThat(ProgressBar.bar(new ProgressBar.Line("/web", 6, 3, "6/3 running"))).contains("[####################]");
    assertThat(ProgressBar.bar(new ProgressBar.Line("/gone", 0, 0, "removed"))).contains("[####################]");
    assertThat(ProgressBar.plain(new ProgressBar.Line("/web", 1, 4, "1/4 running"))).isEqualTo("/web: 1/4 running");
  }

  @Test
  void withoutATerminalOnlyChangedLinesArePrintedAsPlainText() {
    StringWriter text = new StringWriter();
    ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), false);
    display.show(List.of(new ProgressBar.Line("/a", 0, 2, "0/2 running"), new ProgressBar.Line("/b", 0, 1, "0/1 running")));
    display.show(List.of(new ProgressBar.Line("/a", 0, 2, "0/2 running"), new ProgressBar.Line("/b", 1, 1, "1/1 running")));
    display.show(List.of(new ProgressBar.Line("/a", 0, 2, "0/2 running"), new ProgressBar.Line("/b", 1, 1, "1/1 running")));
    display.done("finished");
    assertThat(text.toString()).isEqualTo("/a: 0/2 running\n/b: 0/1 running\n/b: 1/1 running\nfinished\n")
        .doesNotContain("\033");
  }

  @Test
  void onATerminalTheLinesAreRedrawnInPlace() {
    StringWriter text = new StringWriter();
    ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), true);
    display.show(List.of(new ProgressBar.Line("/a", 0, 2, "0/2 running")));
    display.show(List.of(new ProgressBar.Line("/a", 1, 2, "1/2 running")));
    assertThat(text.toString()).isEqualTo("\r\033[2K/a  [....................]  0/2 running\n"
        + "\r\033[1A\r\033[2K/a  [##########..........]  1/2 running\n");
  }
}
