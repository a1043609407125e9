package io.pulse.window;

import java.time.Duration;

/**
 * One trailing window and the size of the buckets it is counted in.
 *
 * @param name how the API names it, e.g. {@code 24h}
 * @param index position in the layout, shortest window first
 */
public record WindowSpec(String name, int index, Duration length, Duration bucket) {

  /** Compact names: hours below two days ({@code 1h}, {@code 24h}), else days or minutes. */
  static String nameOf(Duration d) {
    if (d.toDaysPart() > 0 && d.toHoursPart() == 0 && d.toMinutesPart() == 0 && d.toHours() >= 48) {
      return d.toDays() + "d";
    }
    if (d.toMinutesPart() == 0 && d.toSecondsPart() == 0 && d.toHours() > 0) {
      return d.toHours() + "h";
    }
    return d.toMinutes() + "m";
  }
}
