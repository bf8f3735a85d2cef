package io.berth.cli.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An aligned text table (pure): a header row in capitals, columns padded to their widest cell and separated by two
 * spaces, trailing blanks trimmed; a {@code null} cell prints empty.
 */
public final class Table {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  private Table(List<String> headers) {
    this.headers = headers;
  }

  public static Table of(String... headers) {
    return new Table(List.of(headers));
  }

  /** Adds a row; values are printed with {@link String#valueOf(Object)}, nulls as empty cells. */
  public Table row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headers.size() + " columns");
    }
    rows.add(Arrays.stream(cells).map(c -> c == null ? "" : String.valueOf(c)).toList());
    return this;
  }

  public int size() {
    return rows.size();
  }

  public String render() {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, headers, widths);
    rows.forEach(r -> line(out, r, widths));
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      line.append(cells.get(i));
      if (i < cells.size() - 1) {
        line.append(" ".repeat(widths[i] - cells.get(i).length() + 2));
      }
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
