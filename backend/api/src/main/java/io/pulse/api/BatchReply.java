package io.pulse.api;

import java.util.List;

/** Reply to a batch or bulk upload: totals and one result per event, in request order. */
public record BatchReply(long accepted, long duplicates, List<IngestResult> results) {

  public static BatchReply of(List<IngestResult> results) {
    long accepted =
        results.stream().filter(r -> r.status() == IngestResult.Status.ACCEPTED).count();
    return new BatchReply(accepted, results.size() - accepted, results);
  }
}
