package io.pulse.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvCellsTests {

  @Test
  void quotesOnlyWhatNeedsItAndDoublesQuotes() {
    assertThat(CsvCells.line(List.of("a", "b c", ""))).isEqualTo("a,b c,\r\n");
    assertThat(CsvCells.line(List.of("1,5", "say \"hi\"", "two\nlines", "cr\rhere")))
        .isEqualTo("\"1,5\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\"\r\n");
    assertThat(CsvCells.line(List.of("Ждал, \"долго\""))).isEqualTo("\"Ждал, \"\"долго\"\"\"\r\n");
  }

  @Test
  void cellsASpreadsheetWouldRunAreDefused() {
    assertThat(CsvCells.line(List.of("=HYPERLINK(\"http://evil\")", "+1", "-2", "@SUM(A1)")))
        .isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\",'+1,'-2,'@SUM(A1)\r\n");
    assertThat(CsvCells.defused("\tcmd")).isEqualTo("'\tcmd");
    assertThat(CsvCells.defused("a=b")).isEqualTo("a=b");
    assertThat(CsvCells.defused("")).isEmpty();
  }

  @Test
  void numbersAreWrittenPlainlyAndNullIsEmpty() {
    List<Object> cells = new ArrayList<>();
    cells.add(-5);
    cells.add(84.50);
    cells.add(1.0e-7);
    cells.add(12345678901L);
    cells.add(null);
    cells.add("-5");
    // A negative number is a number; the text "-5" is defused like any formula-looking text.
    assertThat(CsvCells.line(cells)).isEqualTo("-5,84.5,0.0000001,12345678901,,'-5\r\n");
  }
}
