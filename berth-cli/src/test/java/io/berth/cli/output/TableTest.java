package io.berth.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {
  @Test
  void columnsArePaddedToTheWidestCellWithTwoSpacesAndNoTrailingBlanks() {
    String text = Table.of("ID", "TASKS", "CMD").row("/web", "3/3", "sleep 10").row("/a-much-longer-id", 1, null).render();
    assertThat(text).isEqualTo("ID" + " ".repeat(17) + "TASKS  CMD\n"
        + "/web" + " ".repeat(15) + "3/3" + " ".repeat(4) + "sleep 10\n"
        + "/a-much-longer-id  1\n");
    assertThat(text.lines()).allSatisfy(line -> assertThat(line).doesNotEndWith(" "));
  }

  @Test
  void anEmptyTableIsItsHeader() {
    assertThat(Table.of("NAME", "ID").render()).isEqualTo("NAME  ID\n");
  }

  @Test
  void aRowMustHaveACellPerColumn() {
    assertThatThrownBy(() -> Table.of("A", "B").row("only one")).isInstanceOf(IllegalArgumentException.class);
  }
}
