package io.pulse.ui.executive;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.api.Analytics.DealerRanking;
import io.pulse.api.Analytics.DealerRow;
import io.pulse.api.Analytics.Named;
import io.pulse.api.Analytics.RegionSegments;
import io.pulse.api.Analytics.SegmentRow;
import io.pulse.api.Segment;
import io.pulse.api.Trend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dealers without answers go to the end of a leaderboard, without a rank. */
class LeaderRowTests {

  @Test
  void aRankingListsUnrankedDealersLast() {
    DealerRanking ranking =
        new DealerRanking(
            new Named("R1", "North"),
            "VOLTA",
            "30d",
            "rank",
            70.0,
            20,
            false,
            List.of(
                new DealerRow(
                    new Named("D0", "Silent"), "VOLTA", null, null, null, 0, 0, true, null),
                new DealerRow(
                    new Named("D2", "Second"), "VOLTA", 2, 71.0, 70.5, 0.6, 40, false, 20.0),
                new DealerRow(
                    new Named("D1", "First"), "VOLTA", 1, 80.0, 75.0, 0.6, 40, false, 30.0)));
    List<LeaderRow> rows = LeaderRow.fromRanking(ranking, List.of());
    assertThat(rows).extracting(LeaderRow::dealerId).containsExactly("D1", "D2", "D0");
    assertThat(rows).extracting(LeaderRow::rank).containsExactly(1, 2, null);
  }

  @Test
  void aBrandsDealersWithoutAShrunkCsiAreNotRanked() {
    RegionSegments region =
        new RegionSegments(
            new Named("R1", "North"),
            70.0,
            Map.of(),
            List.of(row("D0", null, 0), row("D1", 74.0, 50), row("D2", 78.0, 90)));
    List<LeaderRow> rows = LeaderRow.fromSegments(List.of(region));
    assertThat(rows).extracting(LeaderRow::dealerId).containsExactly("D2", "D1", "D0");
    assertThat(rows).extracting(LeaderRow::rank).containsExactly(1, 2, null);
  }

  private static SegmentRow row(String id, Double shrunk, long responses) {
    return new SegmentRow(
        new Named(id, id),
        shrunk == null ? Segment.LOW_ENGAGEMENT : Segment.STABLE,
        Trend.UNKNOWN,
        shrunk,
        null,
        null,
        shrunk,
        null,
        responses,
        List.of());
  }
}
