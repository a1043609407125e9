package io.pulse.loadtest.config;

import java.util.Locale;

/**
 * Named sizes of a run. Each simulation maps a profile to its own defaults (users, rate,
 * durations); any {@code -Dpulse.*} property given explicitly wins over the profile.
 */
public enum LoadProfile {
  /** Seconds-long check that everything answers and the assertions hold: what CI runs. */
  SMOKE,
  /** The sizing run: the floor the deployment must hold (e.g. 10,000 cabinets, 1,000 events/s). */
  CAPACITY,
  /** Hours at moderate load: memory and latency must stay flat. */
  SOAK,
  /** Beyond the floor, step by step, to see where it breaks. */
  STRESS;

  /** The profile named by {@code value} (case-insensitive). */
  public static LoadProfile of(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "pulse.profile must be one of smoke, capacity, soak, stress; was '" + value + "'", e);
    }
  }
}
