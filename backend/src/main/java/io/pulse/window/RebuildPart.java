package io.pulse.window;

import reactor.core.publisher.Mono;

/**
 * Something besides the Redis aggregates that is derived from the stored events and recomputed by
 * the full rebuild (the daily roll-ups of the history). The windows call it without knowing what it
 * is.
 */
public interface RebuildPart {

  /** A short name for logs and the rejection metric. */
  String name();

  /** Recomputes the part from PostgreSQL; ingest goes on meanwhile. */
  Mono<Void> rebuild();
}
