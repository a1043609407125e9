package io.pulse.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * How feedback volume and quality move with the calendar, so that a year of history has seasons to
 * show: a busy December (year-end sales) and a quiet January, quiet Sundays, and slightly worse
 * service in the busiest months (the same staff, more customers). Pure functions of the time, in
 * Moscow time where most dealers are.
 */
public final class Seasonality {

  // Relative volume by month, January first.
  private static final double[] MONTHLY_VOLUME = {
    0.65, 0.8, 1.0, 1.05, 1.0, 0.95, 0.9, 0.95, 1.05, 1.05, 1.0, 1.2
  };
  // Shift of the 0–1 latent answer quality by month: busy months are a little worse.
  private static final double[] MONTHLY_QUALITY = {
    0.0, 0.01, 0.0, -0.01, 0.0, 0.02, 0.03, 0.02, -0.01, -0.02, -0.02, -0.05
  };
  private static final double MAX_VOLUME = 1.2 * 1.1;
  private static final ZoneOffset MOSCOW = ZoneOffset.ofHours(3);

  private Seasonality() {}

  /** Relative volume at {@code time}, from 0 to 1 (the busiest Saturday of December is 1). */
  public static double volume(Instant time) {
    ZonedDateTime local = time.atZone(MOSCOW);
    double weekday =
        switch (local.getDayOfWeek()) {
          case SATURDAY -> 1.1;
          case SUNDAY -> 0.6;
          default -> 1.0;
        };
    return MONTHLY_VOLUME[local.getMonthValue() - 1] * weekday / MAX_VOLUME;
  }

  /** Shift of the latent answer quality (0–1 scale) at {@code time}. */
  public static double qualityShift(Instant time) {
    return MONTHLY_QUALITY[time.atZone(MOSCOW).getMonthValue() - 1];
  }
}
