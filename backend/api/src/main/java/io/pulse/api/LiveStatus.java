package io.pulse.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Whether this instance's streams are live: sent to every open stream as {@code event: status} when
 * it changes, so a screen says "Live updates paused — reconnecting" instead of showing a green
 * "Live" over numbers that stopped moving.
 *
 * @param live changes from every instance reach this one's streams
 * @param reason why they do not (null while live)
 * @param since when this state began
 */
public record LiveStatus(boolean live, @Nullable String reason, Instant since) {

  public static LiveStatus live(Instant since) {
    return new LiveStatus(true, null, since);
  }

  public static LiveStatus paused(String reason, Instant since) {
    return new LiveStatus(false, reason, since);
  }
}
