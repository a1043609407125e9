package io.pulse.search;

import io.pulse.api.CommentPage;
import io.pulse.system.FieldViolation;
import io.pulse.system.InvalidInputException;
import io.pulse.system.OneOf;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Comment search: what customers wrote, found by words and filters, within the caller's scope. */
@Tag(name = "Search", description = "Full-text search over feedback comments")
@RestController
@RequestMapping("/api/v1/feedback")
class SearchController {

  /** The deepest result reachable by paging: past it, narrow the filters. */
  static final int MAX_PAGE = 99;

  static final int MAX_SIZE = 100;

  private final SearchRequest requests;
  private final CommentSearch search;

  SearchController(SearchRequest requests, CommentSearch search) {
    this.requests = requests;
    this.search = search;
  }

  @GetMapping("/search")
  Mono<CommentPage> search(
      @Valid @ParameterObject SearchRequest.Params params,
      @RequestParam(defaultValue = "newest") @OneOf({"newest", "relevance"}) String sort,
      @RequestParam(defaultValue = "0") @Min(0) @Max(MAX_PAGE) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(MAX_SIZE) int size) {
    String q = params.q();
    SearchCriteria.Sort order =
        sort.equals("relevance") ? SearchCriteria.Sort.RELEVANCE : SearchCriteria.Sort.NEWEST;
    if (order == SearchCriteria.Sort.RELEVANCE && (q == null || q.isBlank())) {
      throw new InvalidInputException(
          "Invalid sort; nothing was done.",
          List.of(new FieldViolation("sort", "relevance needs a search text q")));
    }
    return requests
        .resolve(params, true)
        .flatMap(s ->
            search
                .page(s.criteria(), order, s.user(), page, size)
                .collectList()
                .map(hits ->
                    new CommentPage(
                        hits.size() > size ? hits.subList(0, size) : hits,
                        page,
                        size,
                        hits.size() > size)));
  }
}
