package io.pulse.export;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Turns an {@link ExportTable} into a file download, CSV or XLSX, written as its rows come: every
 * export of the API goes through here, so each has the same limits, the same defused cells and the
 * same file names. A file stops after {@code pulse.export.max-rows} rows with a last row saying so.
 */
@Component
public class ExportFiles {

  static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
  static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  // Rows per network write of a CSV: one DataBuffer per row would cost a flush each.
  private static final int CSV_ROWS_PER_BUFFER = 100;

  // A byte-order mark first, so that spreadsheet programs read the Cyrillic text as UTF-8.
  private static final String BOM = "\uFEFF";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final ExportProperties properties;
  private final Clock clock;

  ExportFiles(ExportProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  /** The rows an export may hold; a source may read one more to learn that it was cut. */
  public int maxRows() {
    return properties.maxRows();
  }

  /** Rows a streaming source should read per query. */
  public int chunkRows() {
    return properties.chunkRows();
  }

  /** {@code table} as an attachment in {@code format} ({@code csv} or {@code xlsx}). */
  public ResponseEntity<Flux<DataBuffer>> file(ExportTable table, String format) {
    boolean xlsx = format.equals("xlsx");
    Flux<List<@Nullable Object>> rows = cut(table, properties.maxRows());
    Flux<DataBuffer> body = xlsx ? xlsx(table, rows) : csv(table.header(), rows);
    String file = table.name() + "-" + STAMP.format(clock.instant()) + (xlsx ? ".xlsx" : ".csv");
    return ResponseEntity.ok()
        .contentType(xlsx ? XLSX : CSV)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(file).build().toString())
        .body(body);
  }

  /**
   * {@code table} as the bytes of an XLSX file, for an e-mail attachment. Blocks while POI writes:
   * call it off the event loop. The same row limit as a download.
   */
  public byte[] xlsxBytes(ExportTable table) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    String sheet = table.name().length() > 31 ? table.name().substring(0, 31) : table.name();
    XlsxSheet.write(sheet, table.header(), cut(table, properties.maxRows()).toIterable(), out);
    return out.toByteArray();
  }

  /** The first {@code max} rows, then (if there were more) a row saying the file was cut. */
  static Flux<List<@Nullable Object>> cut(ExportTable table, int max) {
    return table
        .rows()
        .take(max + 1L)
        .index()
        .map(t -> t.getT1() < max ? t.getT2() : truncated(table.header().size(), max));
  }

  static List<@Nullable Object> truncated(int columns, int maxRows) {
    List<@Nullable Object> row = new ArrayList<>(columns);
    row.add("(truncated: at most " + maxRows + " rows per export; narrow the filters)");
    while (row.size() < columns) {
      row.add(null);
    }
    return row;
  }

  static Flux<DataBuffer> csv(List<String> header, Flux<List<@Nullable Object>> rows) {
    return Flux.concat(Flux.just(BOM + CsvCells.line(header)), rows.map(CsvCells::line))
        .buffer(CSV_ROWS_PER_BUFFER)
        .map(chunk ->
            DefaultDataBufferFactory.sharedInstance.wrap(
                String.join("", chunk).getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * POI blocks (it writes a temporary file, then zips it), so it runs on the bounded elastic
   * scheduler, taking rows as it goes; its output stream becomes the body with back-pressure: POI
   * waits while the client reads slowly.
   */
  static Flux<DataBuffer> xlsx(ExportTable table, Flux<List<@Nullable Object>> rows) {
    String sheet = table.name().length() > 31 ? table.name().substring(0, 31) : table.name();
    return Flux.from(
        DataBufferUtils.outputStreamPublisher(
            out -> {
              // Closing the stream cancels the source when the client goes away mid-file.
              try (Stream<List<@Nullable Object>> stream = rows.toStream(256)) {
                XlsxSheet.write(sheet, table.header(), stream::iterator, out);
              }
            },
            DefaultDataBufferFactory.sharedInstance,
            task -> Schedulers.boundedElastic().schedule(task)));
  }
}
