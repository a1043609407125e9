package io.pulse.export;

import io.pulse.api.CommentHit;
import io.pulse.network.NetworkId;
import io.pulse.search.CommentSearch;
import io.pulse.search.SearchRequest;
import io.pulse.system.OneOf;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Feedback as files: a dealer's feedback and comment search results, as CSV or XLSX, newest first.
 * The caller's scope and the masking of personal data are those of the search; the body is written
 * as rows come from PostgreSQL (keyset pages), so no export is held in memory whole.
 */
@Tag(name = "Exports", description = "Feedback and search results as CSV or XLSX files")
@RestController
@RequestMapping("/api/v1")
class ExportController {

  static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
  static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  // Rows per network write of a CSV: one DataBuffer per row would cost a flush each.
  private static final int CSV_ROWS_PER_BUFFER = 100;

  // A byte-order mark first, so that spreadsheet programs read the Cyrillic text as UTF-8.
  private static final String BOM = "\uFEFF";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final SearchRequest requests;
  private final CommentSearch search;
  private final ExportProperties properties;
  private final Clock clock;

  ExportController(
      SearchRequest requests, CommentSearch search, ExportProperties properties, Clock clock) {
    this.requests = requests;
    this.search = search;
    this.properties = properties;
    this.clock = clock;
  }

  /** The comment search's results (same filters, newest first), as a file. */
  @GetMapping("/feedback/search/export")
  @ApiResponse(
      responseCode = "200",
      description = "The file (Content-Disposition: attachment)",
      content = {
        @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
        @Content(
            mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            schema = @Schema(type = "string", format = "binary"))
      })
  Mono<ResponseEntity<Flux<DataBuffer>>> searchResults(
      @RequestParam(defaultValue = "csv") @OneOf({"csv", "xlsx"}) String format,
      @RequestParam(required = false) @Size(max = 200) @Nullable String q,
      @RequestParam(required = false) @NetworkId @Nullable String dealerId,
      @RequestParam(required = false) @NetworkId @Nullable String brandId,
      @RequestParam(required = false) @NetworkId @Nullable String regionId,
      @RequestParam(required = false)
          @OneOf({
            "FIRST_CONTACT",
            "CONSULTATION",
            "TEST_DRIVE",
            "CONTRACT",
            "HANDOVER",
            "FOLLOW_UP",
            "SERVICE_VISIT"
          })
          @Nullable String stage,
      @RequestParam(required = false) @OneOf({"SMS", "CALL", "WEB", "APP", "EMAIL"})
          @Nullable String channel,
      @RequestParam(required = false)
          @OneOf({"CONSULTATION", "COMMUNICATION", "VISIT", "RECOMMEND", "SPEED", "CAR", "RETURN"})
          @Nullable String parameter,
      @RequestParam(required = false) @Min(0) @Max(10) @Nullable Integer minScore,
      @RequestParam(required = false) @Min(0) @Max(10) @Nullable Integer maxScore,
      @RequestParam(required = false) @OneOf({"promoter", "passive", "detractor"})
          @Nullable String nps,
      @RequestParam(required = false) @Size(max = 40) @Nullable String from,
      @RequestParam(required = false) @Size(max = 40) @Nullable String to) {
    var params =
        new SearchRequest.Params(
            q, dealerId, brandId, regionId, stage, channel, parameter, minScore, maxScore, nps,
            from, to);
    return export(params, true, format, "feedback-search");
  }

  /** Every feedback event of one dealer, with or without a comment, in a period. */
  @GetMapping("/dealers/{id}/feedback/export")
  @ApiResponse(
      responseCode = "200",
      description = "The file (Content-Disposition: attachment)",
      content = {
        @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
        @Content(
            mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            schema = @Schema(type = "string", format = "binary"))
      })
  Mono<ResponseEntity<Flux<DataBuffer>>> dealerFeedback(
      @PathVariable @NetworkId String id,
      @RequestParam(defaultValue = "csv") @OneOf({"csv", "xlsx"}) String format,
      @RequestParam(required = false) @Size(max = 40) @Nullable String from,
      @RequestParam(required = false) @Size(max = 40) @Nullable String to) {
    var params =
        new SearchRequest.Params(
            null, id, null, null, null, null, null, null, null, null, from, to);
    return export(params, false, format, "feedback-" + id);
  }

  private Mono<ResponseEntity<Flux<DataBuffer>>> export(
      SearchRequest.Params params, boolean commentedOnly, String format, String name) {
    // Checked before the first byte: a bad parameter or a dealer out of scope is a problem
    // response, not a broken file.
    return requests
        .resolve(params, commentedOnly)
        .map(s -> {
          int max = properties.maxRows();
          // One row more than the limit, to know whether the file was cut.
          Flux<CommentHit> rows =
              search.all(s.criteria(), s.user(), properties.chunkRows(), max + 1);
          boolean xlsx = format.equals("xlsx");
          Flux<DataBuffer> body = xlsx ? xlsx(rows, max) : csv(rows, max);
          String file = name + "-" + STAMP.format(clock.instant()) + (xlsx ? ".xlsx" : ".csv");
          return ResponseEntity.ok()
              .contentType(xlsx ? XLSX : CSV)
              .header(
                  HttpHeaders.CONTENT_DISPOSITION,
                  ContentDisposition.attachment().filename(file).build().toString())
              .body(body);
        });
  }

  static Flux<DataBuffer> csv(Flux<CommentHit> rows, int max) {
    Flux<String> lines =
        rows.index()
            .map(t ->
                t.getT1() < max
                    ? CsvCells.line(ExportRows.cells(t.getT2()))
                    : CsvCells.line(ExportRows.truncated(max)));
    return Flux.concat(Flux.just(BOM + CsvCells.line(ExportRows.header())), lines)
        .buffer(CSV_ROWS_PER_BUFFER)
        .map(chunk ->
            DefaultDataBufferFactory.sharedInstance.wrap(
                String.join("", chunk).getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * POI blocks (it writes a temporary file, then zips it), so it runs on the bounded elastic
   * scheduler, taking rows from PostgreSQL as it goes; its output stream becomes the body with
   * back-pressure: POI waits while the client reads slowly.
   */
  static Flux<DataBuffer> xlsx(Flux<CommentHit> rows, int max) {
    return Flux.from(
        DataBufferUtils.outputStreamPublisher(
            out -> {
              // Closing the stream cancels the query when the client goes away mid-file.
              try (Stream<CommentHit> stream = rows.toStream(256)) {
                XlsxSheet.write(stream::iterator, max, out);
              }
            },
            DefaultDataBufferFactory.sharedInstance,
            task -> Schedulers.boundedElastic().schedule(task)));
  }
}
