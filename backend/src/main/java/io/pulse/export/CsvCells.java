package io.pulse.export;

import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * RFC 4180 lines, safe to open in a spreadsheet: a text cell a spreadsheet would run as a formula
 * (starting with {@code = + - @}, or a tab or carriage return that some strip first) gets a leading
 * apostrophe (OWASP "CSV injection"), and a cell holding a comma, quote or line break is quoted
 * with its quotes doubled. Numbers are written plainly (a negative number is a number, not a
 * formula), without exponents.
 */
final class CsvCells {

  private CsvCells() {}

  /** One record, ending in CRLF; cells are text, numbers or null (empty). */
  static String line(List<? extends @Nullable Object> cells) {
    StringBuilder out = new StringBuilder(64 * cells.size());
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      Object cell = cells.get(i);
      out.append(
          switch (cell) {
            case null -> "";
            case Double d -> BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            case Float f -> BigDecimal.valueOf(f).stripTrailingZeros().toPlainString();
            case Number n -> n.toString();
            default -> quoted(defused(cell.toString()));
          });
    }
    return out.append("\r\n").toString();
  }

  /** The cell with an apostrophe in front when a spreadsheet would take it for a formula. */
  static String defused(String cell) {
    if (cell.isEmpty()) {
      return cell;
    }
    return switch (cell.charAt(0)) {
      case '=', '+', '-', '@', '\t', '\r' -> "'" + cell;
      default -> cell;
    };
  }

  private static String quoted(String cell) {
    boolean needs = false;
    for (int i = 0; i < cell.length() && !needs; i++) {
      char c = cell.charAt(i);
      needs = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    return needs ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
  }
}
