package io.pulse.ui.support;

import io.pulse.api.Alert;
import io.pulse.api.Analytics.BenchmarkRef;
import io.pulse.api.Analytics.DealerAnalysis;
import io.pulse.api.Analytics.Named;
import io.pulse.api.Analytics.ParameterRow;
import io.pulse.api.Analytics.StageRow;
import io.pulse.api.BenchmarkKind;
import io.pulse.api.Channel;
import io.pulse.api.FeedItem;
import io.pulse.api.History;
import io.pulse.api.IndexView;
import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import io.pulse.api.ScopeRef;
import io.pulse.api.StrengthVerdict;
import io.pulse.api.Trend;
import io.pulse.api.Verdict;
import io.pulse.ui.backend.Connection;
import io.pulse.ui.backend.LiveIndex;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Backend answers as browserless tests feed them to views. */
public final class Fixtures {

  public static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  private Fixtures() {}

  public static IndexView figures(String dealerId, long responses, double csi) {
    return new IndexView(
        new ScopeRef("dealer", dealerId, "Volta Center", "VOLTA", "R16"),
        "24h",
        NOW,
        NOW,
        responses,
        responses < 30,
        csi,
        74.1,
        82.7,
        new IndexView.Nps(51, 30, 12, 9, 41.18, 20.5, 19.6, 60.6),
        List.of(
            new IndexView.ParameterView("SPEED", "Speed and organisation", 31, 48.2, 20.0),
            new IndexView.ParameterView("CAR", "Rating of the car", 40, 92.0, 10.0),
            new IndexView.ParameterView("VISIT", "Service during the visit", 40, 75.0, 15.0)),
        Map.of(JourneyStage.HANDOVER, responses),
        0.08,
        0.01);
  }

  public static LiveIndex live(IndexView f) {
    return new LiveIndex(f, Connection.connecting(NOW).live(NOW));
  }

  /** A dealer's live figures with its verdicts against the region, as its stream carries them. */
  public static LiveIndex liveWithVerdicts(IndexView f) {
    return new LiveIndex(
        f,
        List.of(
            verdict(
                "SPEED",
                70.9,
                -22.7,
                StrengthVerdict.WEAK_POINT,
                7,
                "Speed and organisation 48 vs 71 in the region (−23, 31 answers)"),
            verdict(
                "CAR",
                80.0,
                12.0,
                StrengthVerdict.STRENGTH,
                1,
                "Rating of the car 92 vs 80 in the region (+12, 40 answers)"),
            verdict(
                "VISIT",
                74.0,
                1.0,
                StrengthVerdict.NEUTRAL,
                2,
                "Service during the visit 75 vs 74 in the region (+1, 40 answers)")),
        Connection.connecting(NOW).live(NOW));
  }

  private static Verdict verdict(
      String parameter,
      double benchmark,
      double delta,
      StrengthVerdict verdict,
      int rank,
      String sentence) {
    return new Verdict(
        parameter, benchmark, delta, verdict, rank, Map.of("en", sentence, "ru", "по-русски"));
  }

  public static DealerAnalysis analysis(String dealerId) {
    return new DealerAnalysis(
        new Named(dealerId, "Volta Center"),
        "24h",
        "en",
        new BenchmarkRef(BenchmarkKind.REGION, "R16", "Tatarstan"),
        57,
        false,
        78.42,
        74.1,
        82.7,
        Trend.DECLINING,
        List.of(
            new ParameterRow(
                "SPEED",
                "Speed and organisation",
                48.2,
                31,
                70.9,
                -22.7,
                true,
                StrengthVerdict.WEAK_POINT,
                7,
                "Speed and organisation 48 vs 71 in the region (−23, 31 answers)"),
            new ParameterRow(
                "CAR",
                "Rating of the car",
                92.0,
                40,
                80.0,
                12.0,
                true,
                StrengthVerdict.STRENGTH,
                1,
                "Rating of the car 92 vs 80 in the region (+12, 40 answers)"),
            new ParameterRow(
                "VISIT",
                "Service during the visit",
                75.0,
                40,
                74.0,
                1.0,
                false,
                StrengthVerdict.NEUTRAL,
                2,
                "Service during the visit 75 vs 74 in the region (+1, 40 answers)")),
        List.of(
            new StageRow(JourneyStage.HANDOVER, 57, 78.4, false),
            new StageRow(JourneyStage.TEST_DRIVE, 3, 60.0, true)),
        List.of());
  }

  public static FeedItem feedItem(String dealerId, long seq, String comment) {
    return new FeedItem(
        dealerId,
        seq,
        UUID.fromString("3f2b6c1e-8d4a-4c5e-9b7a-2e1f0a9c8d" + String.format("%02d", seq % 100)),
        JourneyStage.SERVICE_VISIT,
        NOW,
        NOW,
        Map.of(Parameter.RECOMMEND, 3, Parameter.SPEED, 2),
        comment,
        Channel.SMS,
        List.of("DETRACTOR", "LOW_SCORE:SPEED"));
  }

  /** An open alert of {@code dealerId}: a detractor with a comment, raised a minute ago. */
  public static Alert openAlert(String dealerId) {
    return new Alert(
        UUID.fromString("3f2b6c1e-8d4a-4c5e-9b7a-2e1f0a9c8d01"),
        dealerId,
        NOW.minusSeconds(60),
        List.of("DETRACTOR"),
        Alert.Status.OPEN,
        false,
        null,
        null,
        null,
        "HANDOVER",
        NOW.minusSeconds(90),
        Map.of("RECOMMEND", 2),
        "Nobody called back",
        "SMS",
        null,
        null);
  }

  /** Calendar periods on 23 November 2026: this month better than last, significantly. */
  public static History.Periods periods(ScopeRef scope) {
    History.Figures now = new History.Figures(141, 80.2, 77.0, 83.4, 35.5, 14.2, false);
    History.Figures before = new History.Figures(612, 76.4, 75.0, 77.8, 30.4, 7.1, false);
    List<History.Period> periods = new java.util.ArrayList<>();
    for (String name :
        List.of("ROLLING_3_MONTHS", "THIS_MONTH", "LAST_MONTH", "QUARTER", "YEAR_TO_DATE")) {
      boolean ytd = name.equals("YEAR_TO_DATE");
      periods.add(
          new History.Period(
              name,
              LocalDate.parse("2026-11-01"),
              LocalDate.parse("2026-11-23"),
              now,
              LocalDate.parse("2026-10-01"),
              LocalDate.parse("2026-10-31"),
              ytd ? null : before,
              ytd ? null : 3.8,
              ytd ? null : true,
              ytd ? null : 5.1,
              ytd ? null : false));
    }
    return new History.Periods(scope, LocalDate.parse("2026-11-23"), periods);
  }

  /** Three days of a series: answered, empty, answered. */
  public static History.Series series(ScopeRef scope) {
    return new History.Series(
        scope,
        "day",
        LocalDate.parse("2026-11-21"),
        LocalDate.parse("2026-11-23"),
        List.of(
            point("2026-11-21", new History.Figures(23, 81.3, 76.9, 85.7, 47.83, 29.1, true)),
            point("2026-11-22", new History.Figures(0, null, null, null, null, null, true)),
            point("2026-11-23", new History.Figures(17, 74.6, 68.0, 81.2, 20.0, 33.0, true))));
  }

  private static History.Point point(String day, History.Figures f) {
    LocalDate d = LocalDate.parse(day);
    return new History.Point(d, d, f);
  }
}
