package io.pulse.simulator;

import io.pulse.api.Parameter;
import java.time.Instant;
import java.util.Set;

/**
 * The hidden behaviour of a simulated dealer: never sent to the backend, used to generate its
 * feedback and by tests that need a dealer of a known kind.
 *
 * @param personality the pattern its feedback follows
 * @param weakParameters the parameters it is weak on; empty unless {@link Personality#WEAK_ON}
 * @param activity relative event rate (Zipf-like across the network; tiny for LOW_ENGAGEMENT)
 * @param qualityOffset small per-dealer shift of every score, so dealers of one personality differ
 * @param burstPhaseMinutes offset of the dealer's bursts in their cycle (used for GAMING)
 */
public record DealerProfile(
    Personality personality,
    Set<Parameter> weakParameters,
    double activity,
    double qualityOffset,
    int burstPhaseMinutes) {

  /** Copies the weak-parameter set so the profile stays immutable. */
  public DealerProfile {
    weakParameters = Set.copyOf(weakParameters);
  }

  /** Length of a GAMING dealer's burst cycle: it bursts once per cycle. */
  public static final int BURST_CYCLE_MINUTES = 60;

  /** Length of one burst. */
  public static final int BURST_MINUTES = 3;

  /**
   * Whether this dealer is in a burst of (mostly perfect) feedback at {@code time}; only GAMING
   * dealers burst.
   */
  public boolean isBurstingAt(Instant time) {
    if (personality != Personality.GAMING) {
      return false;
    }
    long minute = Math.floorDiv(time.getEpochSecond(), 60);
    return Math.floorMod(minute + burstPhaseMinutes, BURST_CYCLE_MINUTES) < BURST_MINUTES;
  }

  /** Whether this dealer is weak on {@code parameter}. */
  public boolean isWeakOn(Parameter parameter) {
    return weakParameters.contains(parameter);
  }
}
