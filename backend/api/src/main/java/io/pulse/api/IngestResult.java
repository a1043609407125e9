package io.pulse.api;

import java.util.UUID;

/** What happened to one event of a request. */
public record IngestResult(UUID eventId, Status status) {

  /** ACCEPTED: stored now. DUPLICATE: this id was stored before (or earlier in the request). */
  public enum Status {
    ACCEPTED,
    DUPLICATE
  }
}
