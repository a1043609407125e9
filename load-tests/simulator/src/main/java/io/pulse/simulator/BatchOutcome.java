package io.pulse.simulator;

/**
 * What became of one batch of events.
 *
 * @param sent events in the batch
 * @param accepted events the backend stored
 * @param duplicates events the backend had already seen
 * @param rejected events in a batch the backend refused as invalid (4xx)
 * @param failed events whose fate is unknown: retries exhausted, server error or cancelled
 * @param attempts HTTP requests made for the batch
 */
public record BatchOutcome(
    int sent, int accepted, int duplicates, int rejected, int failed, int attempts) {

  static BatchOutcome rejected(int sent, int attempts) {
    return new BatchOutcome(sent, 0, 0, sent, 0, attempts);
  }

  static BatchOutcome failed(int sent, int attempts) {
    return new BatchOutcome(sent, 0, 0, 0, sent, attempts);
  }
}
