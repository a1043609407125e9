package io.pulse.export;

import io.pulse.network.NetworkId;
import io.pulse.search.CommentSearch;
import io.pulse.search.SearchRequest;
import io.pulse.system.OneOf;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Feedback as files: a dealer's feedback and comment search results, as CSV or XLSX, newest first.
 * The caller's scope and the masking of personal data are those of the search; the body is written
 * as rows come from PostgreSQL (keyset pages), so no export is held in memory whole.
 */
@Tag(name = "Exports", description = "Feedback and search results as CSV or XLSX files")
@RestController
@RequestMapping("/api/v1")
class ExportController {

  private final SearchRequest requests;
  private final CommentSearch search;
  private final ExportFiles files;

  ExportController(SearchRequest requests, CommentSearch search, ExportFiles files) {
    this.requests = requests;
    this.search = search;
    this.files = files;
  }

  /** The comment search's results (same filters, newest first), as a file. */
  @GetMapping("/feedback/search/export")
  @FileDownload
  Mono<ResponseEntity<Flux<DataBuffer>>> searchResults(
      @Valid @ParameterObject SearchRequest.Params params,
      @RequestParam(defaultValue = "csv") @OneOf({"csv", "xlsx"}) String format) {
    return export(params, true, format, "feedback-search");
  }

  /** Every feedback event of one dealer, with or without a comment, in a period. */
  @GetMapping("/dealers/{id}/feedback/export")
  @FileDownload
  Mono<ResponseEntity<Flux<DataBuffer>>> dealerFeedback(
      @PathVariable @NetworkId String id,
      @RequestParam(defaultValue = "csv") @OneOf({"csv", "xlsx"}) String format,
      @RequestParam(required = false) @Size(max = 40) @Nullable String from,
      @RequestParam(required = false) @Size(max = 40) @Nullable String to) {
    return export(SearchRequest.Params.ofDealer(id, from, to), false, format, "feedback-" + id);
  }

  private Mono<ResponseEntity<Flux<DataBuffer>>> export(
      SearchRequest.Params params, boolean commentedOnly, String format, String name) {
    // Checked before the first byte: a bad parameter or a dealer out of scope is a problem
    // response, not a broken file.
    return requests
        .resolve(params, commentedOnly)
        .map(s ->
            files.file(
                new ExportTable(
                    name,
                    ExportRows.header(),
                    // One row more than the limit, to know whether the file was cut.
                    search
                        .all(s.criteria(), s.user(), files.chunkRows(), files.maxRows() + 1)
                        .map(ExportRows::cells)),
                format));
  }
}
