package io.pulse.api;

import org.jspecify.annotations.Nullable;

/**
 * The token of a confirmation link, sent to {@code POST /api/v1/notifications/confirm} by whoever
 * opened the link (no credentials needed: the token is the proof).
 *
 * @param token the {@code token} query parameter of the link
 */
public record EmailConfirmation(@Nullable String token) {

  @Override
  public String toString() {
    // A token in a log line would confirm the address for whoever reads the log.
    return "EmailConfirmation[token=…]";
  }
}
