package io.pulse.ui.executive;

import io.pulse.api.Analytics.DealerRanking;
import io.pulse.api.Analytics.DealerRow;
import io.pulse.api.Analytics.RegionSegments;
import io.pulse.api.Analytics.SegmentRow;
import io.pulse.api.IntegrityFlag;
import io.pulse.api.Segment;
import io.pulse.api.Trend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One dealer in a leaderboard, ranked by CSI shrunk towards its region's mean (so a dealer with
 * three perfect answers does not top the list).
 *
 * @param rank null for a dealer without answers: listed last, not ranked
 */
record LeaderRow(
    @Nullable Integer rank,
    String dealerId,
    String dealerName,
    String regionName,
    @Nullable Double shrunkCsi,
    @Nullable Double csi,
    long responses,
    boolean lowSample,
    @Nullable Double nps,
    @Nullable Segment segment,
    @Nullable Trend trend,
    List<IntegrityFlag.Kind> flags) {

  /** Responses below which a dealer is flagged (the backend's default low-sample threshold). */
  static final int LOW_SAMPLE = 30;

  /** A brand's dealers from its segments, best shrunk CSI first. */
  static List<LeaderRow> fromSegments(List<RegionSegments> regions) {
    List<LeaderRow> rows = new ArrayList<>();
    for (RegionSegments region : regions) {
      for (SegmentRow s : region.dealers()) {
        rows.add(
            new LeaderRow(
                null,
                s.dealer().id(),
                s.dealer().label(),
                region.region().label(),
                s.shrunkCsi(),
                s.csi(),
                s.responses(),
                s.responses() < LOW_SAMPLE,
                null,
                s.segment(),
                s.trend(),
                s.flags()));
      }
    }
    rows.sort(
        Comparator.comparing(
            LeaderRow::shrunkCsi, Comparator.nullsLast(Comparator.reverseOrder())));
    List<LeaderRow> ranked = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      LeaderRow r = rows.get(i);
      ranked.add(r.shrunkCsi() == null ? r : r.withRank(i + 1));
    }
    return ranked;
  }

  /** A region's fair ranking, enriched with segments where known. */
  static List<LeaderRow> fromRanking(DealerRanking ranking, List<RegionSegments> segments) {
    Map<String, SegmentRow> byDealer = new HashMap<>();
    segments.forEach(r -> r.dealers().forEach(s -> byDealer.put(s.dealer().id(), s)));
    List<LeaderRow> rows = new ArrayList<>();
    for (DealerRow d : ranking.dealers()) {
      SegmentRow s = byDealer.get(d.dealer().id());
      rows.add(
          new LeaderRow(
              d.rank(),
              d.dealer().id(),
              d.dealer().label(),
              ranking.region().label(),
              d.shrunkCsi(),
              d.csi(),
              d.responses(),
              d.lowSample(),
              d.nps(),
              s == null ? null : s.segment(),
              s == null ? null : s.trend(),
              s == null ? List.of() : s.flags()));
    }
    rows.sort(
        Comparator.comparing(LeaderRow::rank, Comparator.nullsLast(Comparator.naturalOrder())));
    return rows;
  }

  LeaderRow withRank(@Nullable Integer newRank) {
    return new LeaderRow(
        newRank,
        dealerId,
        dealerName,
        regionName,
        shrunkCsi,
        csi,
        responses,
        lowSample,
        nps,
        segment,
        trend,
        flags);
  }
}
