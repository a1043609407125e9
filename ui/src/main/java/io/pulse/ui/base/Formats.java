package io.pulse.ui.base;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Numbers and times as people of one locale write them ({@code 78.4} / {@code 78,4}, {@code 1,234}
 * / {@code 1 234}), times in one zone. Not thread-safe: one per view.
 */
public final class Formats {

  /** What an absent number shows. */
  public static final String NONE = "—";

  private final Locale locale;
  private final ZoneId zone;
  private final NumberFormat oneDecimal;
  private final NumberFormat integer;
  private final DateTimeFormatter time;
  private final DateTimeFormatter dateTime;
  private final DateTimeFormatter date;

  public Formats(Locale locale, ZoneId zone) {
    this.locale = locale;
    this.zone = zone;
    this.oneDecimal = NumberFormat.getNumberInstance(locale);
    oneDecimal.setMinimumFractionDigits(1);
    oneDecimal.setMaximumFractionDigits(1);
    this.integer = NumberFormat.getIntegerInstance(locale);
    this.time =
        DateTimeFormatter.ofLocalizedTime(FormatStyle.MEDIUM).withLocale(locale).withZone(zone);
    this.dateTime =
        DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(locale).withZone(zone);
    this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
  }

  public Locale locale() {
    return locale;
  }

  public ZoneId zone() {
    return zone;
  }

  /** A 0–100 score with one decimal, or {@link #NONE}. */
  public String score(@Nullable Double value) {
    return value == null ? NONE : oneDecimal.format(value);
  }

  /** A signed difference with one decimal and a real minus sign: {@code +3.1}, {@code −17.0}. */
  public String signed(@Nullable Double value) {
    if (value == null) {
      return NONE;
    }
    String abs = oneDecimal.format(Math.abs(value));
    return (value > 0 ? "+" : value < 0 ? "−" : "±") + abs;
  }

  /** A count with the locale's grouping. */
  public String count(long value) {
    return integer.format(value);
  }

  /** Time of day, e.g. {@code 14:03:27}. */
  public String time(@Nullable Instant instant) {
    return instant == null ? NONE : time.format(instant);
  }

  /** A calendar day, e.g. {@code 7 Dec 2026}. */
  public String date(LocalDate day) {
    return date.format(day);
  }

  /** Short date and time. */
  public String dateTime(@Nullable Instant instant) {
    return instant == null ? NONE : dateTime.format(instant);
  }
}
