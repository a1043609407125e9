package io.pulse.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jspecify.annotations.Nullable;

/**
 * Writes rows into an XLSX workbook with POI's streaming {@link SXSSFWorkbook}: at most {@link
 * #ROWS_IN_MEMORY} rows are held in memory, the rest go to a compressed temporary file that becomes
 * the file's zip when the rows end. Blocking: run it off the event loop.
 */
final class XlsxSheet {

  static final int ROWS_IN_MEMORY = 100;

  private XlsxSheet() {}

  /**
   * One sheet of {@code rows} under a {@code header} row, written to {@code out}. Text cells are
   * string cells, never formulas, so a comment starting with {@code =} stays text without a prefix;
   * numbers are number cells; null is no cell.
   */
  static void write(
      String sheetName,
      List<String> header,
      Iterable<List<@Nullable Object>> rows,
      OutputStream out) {
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY)) {
      workbook.setCompressTempFiles(true);
      SXSSFSheet sheet = workbook.createSheet(sheetName);
      Row top = sheet.createRow(0);
      for (int c = 0; c < header.size(); c++) {
        top.createCell(c).setCellValue(header.get(c));
      }
      int r = 1;
      for (List<@Nullable Object> cells : rows) {
        Row row = sheet.createRow(r++);
        for (int c = 0; c < cells.size(); c++) {
          switch (cells.get(c)) {
            case null -> {}
            case Number n -> row.createCell(c).setCellValue(n.doubleValue());
            case Object o -> row.createCell(c).setCellValue(o.toString());
          }
        }
      }
      workbook.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
