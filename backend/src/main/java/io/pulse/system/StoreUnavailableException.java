package io.pulse.system;

/**
 * A backing store (PostgreSQL or Redis) could not be reached: answered 503 with Retry-After. For
 * ingest this means "not acknowledged": retrying with the same event ids is safe.
 */
public class StoreUnavailableException extends RuntimeException {

  public StoreUnavailableException(String detail, Throwable cause) {
    super(detail, cause);
  }
}
