package io.pulse.index;

import io.pulse.api.Segment;
import io.pulse.api.Trend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Splits a region's dealers into benchmark, weak, low-engagement and stable, with a trend each.
 * Rules, in order: fewer responses than the low-sample threshold → low engagement; CSI interval
 * entirely below the region's CSI → weak; shrunk CSI in the region's top quartile (among unflagged
 * dealers with enough answers) and no integrity flag → benchmark; otherwise stable.
 */
public final class Segmentation {

  /** Fewer 7-day responses than this: no trend. */
  public static final int MIN_TREND_RESPONSES = 10;

  /** One dealer's inputs: 30-day and 7-day tallies, shrunk CSI, and whether it is flagged. */
  public record Input(
      String dealerId, Tally month, Tally week, @Nullable Double shrunkCsi, boolean flagged) {}

  /** One dealer's segment and trend, with the figures behind them. */
  public record Placement(
      String dealerId,
      Segment segment,
      Trend trend,
      @Nullable Double csi,
      @Nullable Double csiLow,
      @Nullable Double csiHigh,
      @Nullable Double shrunkCsi,
      @Nullable Double weekCsi,
      long responses) {}

  private Segmentation() {}

  public static List<Placement> place(
      List<Input> dealers, @Nullable Double regionCsi, IndexSettings settings) {
    List<Double> eligible = new ArrayList<>();
    for (Input d : dealers) {
      // Flagged dealers are left out of the pool: gamed scores must not push honest dealers out
      // of the top quartile.
      if (d.month().responses() >= settings.lowSampleResponses()
          && d.shrunkCsi() != null
          && !d.flagged()) {
        eligible.add(d.shrunkCsi());
      }
    }
    Double topQuartile = quantile(eligible, 0.75);
    List<Placement> out = new ArrayList<>();
    for (Input d : dealers) {
      CsiInterval month = CsiInterval.of(d.month(), settings);
      Segment segment;
      if (d.month().responses() < settings.lowSampleResponses()) {
        segment = Segment.LOW_ENGAGEMENT;
      } else if (regionCsi != null && month.high() != null && month.high() < regionCsi) {
        segment = Segment.WEAK;
      } else if (!d.flagged()
          && topQuartile != null
          && d.shrunkCsi() != null
          && d.shrunkCsi() >= topQuartile) {
        segment = Segment.BENCHMARK;
      } else {
        segment = Segment.STABLE;
      }
      CsiInterval week = CsiInterval.of(d.week(), settings);
      out.add(
          new Placement(
              d.dealerId(),
              segment,
              trend(month, week, d.week().responses()),
              month.csi(),
              month.low(),
              month.high(),
              d.shrunkCsi(),
              week.csi(),
              d.month().responses()));
    }
    return out;
  }

  /**
   * Improving or declining when the 7-day CSI differs from the 30-day CSI by more than 1.96
   * standard errors of the 7-day figure (the 30-day figure includes those 7 days, which makes the
   * test conservative).
   */
  public static Trend trend(CsiInterval month, CsiInterval week, long weekResponses) {
    if (weekResponses < MIN_TREND_RESPONSES
        || month.csi() == null
        || week.csi() == null
        || week.standardError() == null) {
      return Trend.UNKNOWN;
    }
    double diff = week.csi() - month.csi();
    double bound = IndexCalculator.Z95 * week.standardError();
    return diff > bound ? Trend.IMPROVING : diff < -bound ? Trend.DECLINING : Trend.FLAT;
  }

  /** Linear-interpolated quantile, or null for an empty list. */
  static @Nullable Double quantile(List<Double> values, double q) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> sorted = values.stream().sorted().toList();
    double pos = q * (sorted.size() - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted.get(lo) + (pos - lo) * (sorted.get(hi) - sorted.get(lo));
  }

  /** Counts per segment, for summaries. */
  public static Map<Segment, Long> counts(List<Placement> placements) {
    Map<Segment, Long> m = new HashMap<>();
    for (Segment s : Set.of(Segment.values())) {
      m.put(s, 0L);
    }
    placements.forEach(p -> m.merge(p.segment(), 1L, Long::sum));
    return m;
  }
}
