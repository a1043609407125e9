package io.pulse.export;

import static org.assertj.core.api.Assertions.assertThat;

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
}
