package io.pulse.simulator;

/** A request to the Pulse backend failed for good (refused, or retries exhausted). */
public final class PulseClientException extends RuntimeException {

  /** A failure described by {@code message}. */
  public PulseClientException(String message) {
    super(message);
  }
}
