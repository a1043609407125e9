package io.pulse.api;

import java.time.Instant;
import java.util.List;

/**
 * The data of one index stream event.
 *
 * @param version position in this instance's shared stream (ids of events, for deduplication)
 * @param sentAt when the server sent it; with {@code index.lastEventAcceptedAt} a client measures
 *     event-to-screen latency
 * @param verdicts a dealer's strengths and weak points against its region, with the sentence in
 *     English and Russian; empty for other scopes
 */
public record IndexMessage(long version, Instant sentAt, IndexView index, List<Verdict> verdicts) {

  public IndexMessage {
    verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
  }
}
