package io.pulse.api;

import java.util.List;

/**
 * One page of comment search results.
 *
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param hasMore whether a next page has results (no total is counted: over millions of comments
 *     that would cost more than the page)
 */
public record CommentPage(List<CommentHit> items, int page, int size, boolean hasMore) {

  public CommentPage {
    items = List.copyOf(items);
  }
}
