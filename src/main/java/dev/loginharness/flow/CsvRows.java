package dev.loginharness.flow;

import dev.loginharness.provider.ConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 rows: commas, double-quoted cells (which may hold commas, newlines and {@code ""}), CRLF
 * or LF. Each row keeps the line it starts on, so messages can point at it. Blank lines are
 * skipped; unquoted cells are trimmed, because a space after a comma is never meant.
 */
final class CsvRows {
  record Row(int line, List<String> cells) {}

  private CsvRows() {}

  static List<Row> parse(String text, String name) throws ConfigException {
    List<Row> rows = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    int line = 1;
    int rowLine = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          if (c == '\n') {
            line++;
          }
          cell.append(c);
        }
      } else if (c == '"' && cell.toString().isBlank()) {
        quoted = true;
        wasQuoted = true;
        cell.setLength(0);
      } else if (c == ',') {
        cells.add(finish(cell, wasQuoted));
        wasQuoted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        cells.add(finish(cell, wasQuoted));
        wasQuoted = false;
        addUnlessBlank(rows, rowLine, cells);
        cells = new ArrayList<>();
        line++;
        rowLine = line;
      } else if (wasQuoted) {
        if (!Character.isWhitespace(c)) {
          throw new ConfigException(name + " line " + line + ": text after a closing quote");
        }
      } else {
        cell.append(c);
      }
    }
    if (quoted) {
      throw new ConfigException(name + " line " + rowLine + ": a quoted cell is never closed");
    }
    cells.add(finish(cell, wasQuoted));
    addUnlessBlank(rows, rowLine, cells);
    return rows;
  }

  private static String finish(StringBuilder cell, boolean wasQuoted) {
    String value = wasQuoted ? cell.toString() : cell.toString().strip();
    cell.setLength(0);
    return value;
  }

  private static void addUnlessBlank(List<Row> rows, int line, List<String> cells) {
    if (!(cells.size() == 1 && cells.get(0).isEmpty())) {
      rows.add(new Row(line, List.copyOf(cells)));
    }
  }
}
