package io.pulse.export;

import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * What one export file holds: column titles and rows of cells, the same in CSV and XLSX. A cell is
 * text (always text, never a formula), a {@link Number} (a number cell a spreadsheet can compute
 * with) or null (empty).
 *
 * @param name the file's name without the time stamp and extension, e.g. {@code regions-B001}
 * @param rows read as the file is written: a source that streams keeps the export out of memory
 */
public record ExportTable(String name, List<String> header, Flux<List<@Nullable Object>> rows) {

  public ExportTable {
    header = List.copyOf(header);
  }
}
