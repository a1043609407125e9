package io.pulse.feedback;

import io.pulse.api.Parameter;
import io.pulse.index.Tally;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The {@code dealer_day} roll-up (one row per dealer and local day): its columns, what one event
 * adds to them, and how summed rows turn back into a {@link Tally}. The ingest statement, the
 * rebuild and the history reads all build their SQL from here, so a column is named in one place.
 */
public final class DealerDays {

  /** Days kept: 13 months and a margin, counted back from the day an event arrives. */
  public static final int RETENTION_DAYS = 400;

  private static final List<String> HISTOGRAM;

  static {
    List<String> h = new ArrayList<>();
    for (Parameter p : Parameter.values()) {
      for (int v = p.min(); v <= p.max(); v++) {
        h.add(histogram(p, v));
      }
    }
    HISTOGRAM = Collections.unmodifiableList(h);
  }

  private DealerDays() {}

  /** The column counting the answers that gave {@code value} to {@code parameter}. */
  public static String histogram(Parameter parameter, int value) {
    return EventColumns.of(parameter) + "_" + value;
  }

  /** Every integer counter column: responses, perfect, straight-lined, then the histograms. */
  public static List<String> counters() {
    List<String> all = new ArrayList<>(List.of("responses", "perfect", "straight_lined"));
    all.addAll(HISTOGRAM);
    return all;
  }

  /** Every summed column: the counters and the two composite sums. */
  public static List<String> summed() {
    List<String> all = counters();
    all.add("composite_sum");
    all.add("composite_sumsq");
    return all;
  }

  /** {@code sum(r.c) AS c, …} over every summed column, for reads that add dealers or days. */
  public static String sums(String alias) {
    return summed().stream()
        .map(c -> "sum(%s.%s) AS %s".formatted(alias, c, c))
        .collect(Collectors.joining(", "));
  }

  /**
   * The aggregates that turn event rows into one roll-up row, in {@link #summed()} order: the event
   * rows must have the score columns, booleans {@code perfect} and {@code straight}, and {@code
   * composite}.
   */
  public static String fromEvents(String alias) {
    return fromEvents(alias, false);
  }

  /**
   * As {@link #fromEvents(String)}; {@code named} gives each aggregate its column's name ({@code …
   * AS responses}), for a subquery whose rows are read by column.
   */
  public static String fromEvents(String alias, boolean named) {
    List<String> out = new ArrayList<>();
    out.add("count(*)");
    out.add("count(*) FILTER (WHERE %s.perfect)".formatted(alias));
    out.add("count(*) FILTER (WHERE %s.straight)".formatted(alias));
    for (Parameter p : Parameter.values()) {
      for (int v = p.min(); v <= p.max(); v++) {
        out.add("count(*) FILTER (WHERE %s.%s = %d)".formatted(alias, EventColumns.of(p), v));
      }
    }
    out.add("coalesce(sum(%s.composite), 0)".formatted(alias));
    out.add("coalesce(sum(%s.composite * %s.composite), 0)".formatted(alias, alias));
    if (named) {
      List<String> columns = summed();
      for (int i = 0; i < out.size(); i++) {
        out.set(i, out.get(i) + " AS " + columns.get(i));
      }
    }
    return String.join(", ", out);
  }

  /** {@code c = target.c + source.c, …}: an update adds a row of sums to the day's row. */
  public static String addFrom(String target, String source) {
    return summed().stream()
        .map(c -> "%s = %s.%s + %s.%s".formatted(c, target, c, source, c))
        .collect(Collectors.joining(", "));
  }

  /** {@code alias.c, …} over every summed column, in {@link #summed()} order. */
  public static String columns(String alias) {
    return summed().stream().map(c -> alias + "." + c).collect(Collectors.joining(", "));
  }

  /** {@code c = r.c + EXCLUDED.c, …}: an upsert adds to the day's row. */
  public static String addExcluded(String alias) {
    return summed().stream()
        .map(c -> "%s = %s.%s + EXCLUDED.%s".formatted(c, alias, c, c))
        .collect(Collectors.joining(", "));
  }

  /**
   * The dealer's local day of an event, or null when it is older than the retention at {@code
   * receivedAt} (such an event is stored, but not rolled up).
   */
  public static @Nullable LocalDate day(Instant occurredAt, ZoneId zone, Instant receivedAt) {
    LocalDate day = LocalDate.ofInstant(occurredAt, zone);
    LocalDate oldest = LocalDate.ofInstant(receivedAt, zone).minusDays(RETENTION_DAYS);
    return day.isBefore(oldest) ? null : day;
  }

  /**
   * The per-event composite: the mean of the rated normalised scores, unweighted. Its sum and sum
   * of squares over events measure the spread between whole answers.
   */
  public static double composite(Map<Parameter, Integer> scores) {
    double sum = 0;
    for (Map.Entry<Parameter, Integer> e : scores.entrySet()) {
      sum += e.getKey().normalise(e.getValue());
    }
    return scores.isEmpty() ? 0 : sum / scores.size();
  }

  /** A tally's values of the {@link #counters()} columns, in their order. */
  public static long[] counters(Tally tally) {
    long[] out = new long[3 + HISTOGRAM.size()];
    out[0] = tally.responses();
    out[1] = tally.perfect();
    out[2] = tally.straightLined();
    int i = 3;
    for (Parameter p : Parameter.values()) {
      for (int v = p.min(); v <= p.max(); v++) {
        out[i++] = tally.count(p, v);
      }
    }
    return out;
  }

  /** The tally of a (summed) roll-up row with the {@link #counters()} columns. */
  public static Tally tally(Readable row) {
    Tally.Builder b =
        Tally.builder()
            .responses(number(row, "responses"))
            .perfect(number(row, "perfect"))
            .straightLined(number(row, "straight_lined"));
    for (Parameter p : Parameter.values()) {
      for (int v = p.min(); v <= p.max(); v++) {
        b.count(p, v, number(row, histogram(p, v)));
      }
    }
    // The rows keep every event's composite exactly, in points; a tally counts them in tenths
    // (TallyFields), so a period's CSI interval respects the correlation of one event's answers
    // as a window's does. Rows read without the composite columns leave them out.
    Number sum = row.get("composite_sum", Number.class);
    Number squares = row.get("composite_sumsq", Number.class);
    if (sum != null && squares != null) {
      b.composites(
          number(row, "responses"),
          Math.round(sum.doubleValue() * 10),
          Math.round(squares.doubleValue() * 100));
    }
    return b.build();
  }

  private static long number(Readable row, String column) {
    Number n = row.get(column, Number.class);
    return n == null ? 0 : n.longValue();
  }
}
