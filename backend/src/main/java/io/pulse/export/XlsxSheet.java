package io.pulse.export;

import io.pulse.api.CommentHit;
import io.pulse.api.Parameter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes feedback rows into an XLSX workbook with POI's streaming {@link SXSSFWorkbook}: at most
 * {@link #ROWS_IN_MEMORY} rows are held in memory, the rest go to a compressed temporary file that
 * becomes the file's zip when the rows end. Blocking: run it off the event loop.
 */
final class XlsxSheet {

  static final int ROWS_IN_MEMORY = 100;

  private XlsxSheet() {}

  /**
   * One sheet of {@code rows} under a header row, written to {@code out}. Comments are string
   * cells, never formulas, so a comment starting with {@code =} stays text without a prefix; scores
   * are number cells.
   */
  static void write(Iterable<CommentHit> rows, int maxRows, OutputStream out) {
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY)) {
      workbook.setCompressTempFiles(true);
      SXSSFSheet sheet = workbook.createSheet("feedback");
      List<String> header = ExportRows.header();
      Row top = sheet.createRow(0);
      for (int c = 0; c < header.size(); c++) {
        top.createCell(c).setCellValue(header.get(c));
      }
      int r = 1;
      for (CommentHit hit : rows) {
        if (r > maxRows) {
          List<String> cut = ExportRows.truncated(maxRows);
          sheet.createRow(r).createCell(0).setCellValue(cut.getFirst());
          break;
        }
        Row row = sheet.createRow(r++);
        List<String> cells = ExportRows.cells(hit);
        for (int c = 0; c < cells.size(); c++) {
          int p = c - ExportRows.FIRST_SCORE;
          if (p >= 0 && p < Parameter.values().length) {
            Integer v = hit.scores().get(Parameter.values()[p]);
            if (v != null) {
              row.createCell(c).setCellValue(v);
            }
          } else {
            row.createCell(c).setCellValue(cells.get(c));
          }
        }
      }
      workbook.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
