package io.pulse.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pulse.api.IntegrityFlag;
import io.pulse.api.JourneyStage;
import io.pulse.api.KeyDriver;
import io.pulse.api.Parameter;
import io.pulse.api.Segment;
import io.pulse.api.Trend;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Known answers for ranking, segments, integrity and key drivers. */
class AnalyticsTests {

  private final IndexSettings settings = IndexSettings.defaults();

  @Test
  void shrinkageMovesSmallDealersTowardsTheRegion() {
    // Region mean weighted by responses: (100*3 + 70*300) / 303 = 70.297.
    // With k = 20: 3 answers keep 3/23 = 0.13 of their gap; 300 answers keep 300/320 = 0.94.
    List<DealerStanding> dealers =
        List.of(
            new DealerStanding("tiny", 100.0, 3, null), new DealerStanding("big", 70.0, 300, null));
    FairRanking.Result r = FairRanking.rank(dealers, 20);
    assertThat(r.kEstimated()).isFalse();
    assertThat(r.regionMean()).isCloseTo(70.297, within(0.001));
    FairRanking.Ranked tiny =
        r.dealers().stream()
            .filter(d -> d.dealer().dealerId().equals("tiny"))
            .findFirst()
            .orElseThrow();
    // 70.297 + 0.1304 * (100 - 70.297) = 74.17
    assertThat(tiny.shrunkCsi()).isCloseTo(74.17, within(0.01));
    assertThat(tiny.rank()).isEqualTo(1);
    FairRanking.Ranked big =
        r.dealers().stream()
            .filter(d -> d.dealer().dealerId().equals("big"))
            .findFirst()
            .orElseThrow();
    // 70.297 + 0.9375 * (70 - 70.297) = 70.019
    assertThat(big.shrunkCsi()).isCloseTo(70.019, within(0.001));
  }

  @Test
  void kIsEstimatedFromTheSpreadOfEnoughDealers() {
    // Ten dealers with 100 answers each, answer variance 400 (sd 20): sampling variance 4.
    // CSIs 60, 62, ..., 78: spread (sample variance) = 36.67; tau^2 = 32.67; k = 400/32.67 = 12.24.
    List<DealerStanding> dealers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      dealers.add(new DealerStanding("d" + i, 60.0 + 2 * i, 100, 400.0));
    }
    FairRanking.Result r = FairRanking.rank(dealers, 20);
    assertThat(r.kEstimated()).isTrue();
    assertThat(r.k()).isCloseTo(12.24, within(0.01));
  }

  @Test
  void aBrandRanksItsDealersOfEveryRegionTogetherEachShrunkToItsOwnRegion() {
    // k = 20: weight 100/120 = 0.833. Region A (CSI 80): a0 90 → 88.33; a1 70 → 71.67.
    // Region B (CSI 60): b0 85 → 80.83; b1 without answers: last, unranked.
    FairRanking.Shrinkage k = new FairRanking.Shrinkage(20, false);
    Map<String, List<DealerStanding>> groups = new java.util.LinkedHashMap<>();
    groups.put(
        "A",
        List.of(
            new DealerStanding("a1", 70.0, 100, 400.0),
            new DealerStanding("a0", 90.0, 100, 400.0)));
    groups.put(
        "B",
        List.of(
            new DealerStanding("b1", null, 0, null), new DealerStanding("b0", 85.0, 100, 400.0)));
    Map<String, @org.jspecify.annotations.Nullable Double> means = new HashMap<>();
    means.put("A", 80.0);
    means.put("B", 60.0);
    List<FairRanking.Ranked> ranked = FairRanking.rankAcross(groups, means, k);
    assertThat(ranked)
        .extracting(r -> r.dealer().dealerId())
        .containsExactly("a0", "b0", "a1", "b1");
    assertThat(ranked).extracting(FairRanking.Ranked::rank).containsExactly(1, 2, 3, null);
    assertThat(ranked.get(0).shrunkCsi()).isCloseTo(88.33, within(0.01));
    assertThat(ranked.get(1).shrunkCsi()).isCloseTo(80.83, within(0.01));
    assertThat(ranked.get(2).shrunkCsi()).isCloseTo(71.67, within(0.01));
    // Each region's own ranking keeps the same shrunk CSIs.
    assertThat(FairRanking.rank(groups.get("B"), 60.0, k).dealers().getFirst().shrunkCsi())
        .isEqualTo(ranked.get(1).shrunkCsi());
  }

  @Test
  void kIsPooledOverTheBrandsRegionsSoRegionalDifferencesDoNotPassForDealerSpread() {
    // All dealers 100 answers, σ² = 400: sampling variance 4 each.
    // Region A: 70, 74, 78, 82 (mean 76, squares 36 + 4 + 4 + 36 = 80);
    // region B: 60, 62, 64, 66 (mean 63, squares 9 + 1 + 1 + 9 = 20).
    // Pooled spread = (80 + 20)/(3 + 3) = 16.667; τ² = 16.667 − 4 = 12.667; k = 400/12.667 = 31.58.
    // (Taken as one group the 13-point gap between the regions would count as dealer spread: mean
    // 69.5, squares 438, spread 438/7 = 62.57, τ² 58.57, k 6.83 — far too little shrinkage.)
    List<DealerStanding> a = new ArrayList<>();
    List<DealerStanding> b = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      a.add(new DealerStanding("a" + i, 70.0 + 4 * i, 100, 400.0));
      b.add(new DealerStanding("b" + i, 60.0 + 2 * i, 100, 400.0));
    }
    FairRanking.Shrinkage pooled = FairRanking.shrinkage(List.of(a, b), 20);
    assertThat(pooled.estimated()).isTrue();
    assertThat(pooled.k())
        .isCloseTo(400 / (100.0 / 6 - 4), within(1e-9))
        .isCloseTo(31.58, within(0.01));
    List<DealerStanding> all = new ArrayList<>(a);
    all.addAll(b);
    assertThat(FairRanking.shrinkage(List.of(all), 20).k()).isCloseTo(6.83, within(0.01));

    // Region A's dealers shrunk towards the region's CSI of 72 (all brands): 82 with 100 answers
    // keeps 100/131.58 = 0.76 of its gap: 72 + 0.76·10 = 79.60.
    FairRanking.Result r = FairRanking.rank(a, 72.0, pooled);
    assertThat(r.regionMean()).isEqualTo(72.0);
    assertThat(r.dealers().getFirst().dealer().dealerId()).isEqualTo("a3");
    assertThat(r.dealers().getFirst().shrunkCsi()).isCloseTo(79.60, within(0.01));
  }

  @Test
  void dealersWithoutAnswersComeLastAndUnranked() {
    List<DealerStanding> dealers =
        List.of(
            new DealerStanding("silent", null, 0, null),
            new DealerStanding("low", 60.0, 40, null),
            new DealerStanding("high", 80.0, 40, null));
    FairRanking.Result r = FairRanking.rank(dealers, 20);
    assertThat(r.dealers())
        .extracting(d -> d.dealer().dealerId())
        .containsExactly("high", "low", "silent");
    assertThat(r.dealers()).extracting(FairRanking.Ranked::rank).containsExactly(1, 2, null);
  }

  @Test
  void aStandingsNoiseIsTheVarianceOfOneEventsCsi() {
    // The two events of csiIntervalFromTheSpreadOfEventComposites: se = 22.5, n = 2 → σ² = 1012.5,
    // the variance of the composites 100 and 55.
    Tally t =
        Tally.builder()
            .addAnswer(JourneyStage.HANDOVER, Map.of(Parameter.SPEED, 5, Parameter.RECOMMEND, 10))
            .addAnswer(JourneyStage.HANDOVER, Map.of(Parameter.SPEED, 3, Parameter.RECOMMEND, 6))
            .build();
    DealerStanding s = DealerStanding.of("d", t, settings);
    assertThat(s.csi()).isCloseTo(77.5, within(1e-9));
    assertThat(s.responses()).isEqualTo(2);
    assertThat(s.answerVariance()).isCloseTo(1012.5, within(1e-9));
  }

  @Test
  void keyDriverQuadrantsAreDecidedOnExactNumbersAndRoundedOnlyForDisplay() {
    // SPEED 69.996 against 70.0: a gap of −0.004 shows as 0.0 but is below: fix first (SPEED is
    // the more important of the two trusted correlations, 0.6 ≥ median 0.45).
    List<KeyDriver> rows =
        KeyDrivers.analyse(
            List.of(
                new KeyDrivers.Input(Parameter.SPEED, 0.6, 100, 69.996, 70.0),
                new KeyDrivers.Input(Parameter.CAR, 0.3, 100, 80.0, 70.0)));
    KeyDriver speed = rows.getFirst();
    assertThat(speed.quadrant()).isEqualTo(KeyDriver.Quadrant.FIX_FIRST);
    assertThat(speed.score()).isEqualTo(70.0);
    assertThat(speed.gap()).isEqualTo(0.0);
  }

  private static Tally answers(int n, int recommend, int speed) {
    Tally.Builder b = Tally.builder();
    for (int i = 0; i < n; i++) {
      b.addAnswer(
          JourneyStage.HANDOVER, Map.of(Parameter.RECOMMEND, recommend, Parameter.SPEED, speed));
    }
    return b.build();
  }

  @Test
  void segmentsAndTrends() {
    Tally good = answers(60, 10, 5);
    Tally mid = answers(40, 8, 4).plus(answers(20, 7, 3));
    Tally bad = answers(60, 3, 2);
    Tally few = answers(5, 10, 5);
    List<Segmentation.Input> inputs =
        List.of(
            new Segmentation.Input("good", good, answers(15, 10, 5), 95.0, false),
            new Segmentation.Input("gamer", good, good, 96.0, true),
            new Segmentation.Input("mid", mid, answers(15, 10, 5), 70.0, false),
            new Segmentation.Input("bad", bad, answers(15, 3, 2), 30.0, false),
            new Segmentation.Input("few", few, few, 80.0, false));
    Map<String, Segmentation.Placement> p = new HashMap<>();
    Segmentation.place(inputs, 70.0, settings).forEach(x -> p.put(x.dealerId(), x));
    assertThat(p.get("few").segment()).isEqualTo(Segment.LOW_ENGAGEMENT);
    assertThat(p.get("bad").segment()).isEqualTo(Segment.WEAK);
    assertThat(p.get("good").segment()).isEqualTo(Segment.BENCHMARK);
    // The top shrunk CSI, but flagged: never a benchmark.
    assertThat(p.get("gamer").segment()).isEqualTo(Segment.STABLE);
    assertThat(p.get("mid").segment()).isEqualTo(Segment.STABLE);
    // mid's last week is all top scores against a 30-day mix: improving.
    assertThat(p.get("mid").trend()).isEqualTo(Trend.IMPROVING);
    assertThat(p.get("few").trend()).isEqualTo(Trend.UNKNOWN);
  }

  @Test
  void gamingPatternsAreFlaggedWithReasonsAndHonestExcellenceIsNot() {
    Tally region = answers(900, 8, 4).plus(answers(100, 10, 5)); // 10 % perfect
    Tally gamer = answers(30, 10, 5).plus(answers(40, 8, 4)); // 43 % perfect, 70 answers
    Tally lastHour = answers(25, 10, 5);
    // Usually 0.1 answers a day in this hour of the day: 25 > 0.1 + 5·√1.
    List<IntegrityFlag> flags =
        IntegrityCheck.check(
            gamer,
            lastHour,
            region,
            new IntegrityCheck.Repeats(7, JourneyStage.TEST_DRIVE),
            0.1,
            "en");
    assertThat(flags)
        .extracting(IntegrityFlag::kind)
        .containsExactlyInAnyOrder(
            IntegrityFlag.Kind.PERFECT_SHARE,
            IntegrityFlag.Kind.BURST,
            IntegrityFlag.Kind.REPEATED_CUSTOMER);
    assertThat(flags)
        .extracting(IntegrityFlag::reason)
        .contains(
            "43 % perfect answers vs 10 % in the region (70 answers)",
            "25 answers in the last hour, usually 0.1 at this hour",
            "one customer answered 7 times about one stage (test drive) in 30 days");
    assertThat(
            IntegrityCheck.check(
                    gamer,
                    lastHour,
                    region,
                    new IntegrityCheck.Repeats(7, JourneyStage.TEST_DRIVE),
                    0.1,
                    "ru")
                .stream()
                .map(IntegrityFlag::reason))
        .contains(
            "25 ответов за последний час, обычно 0.1 в этот час",
            "один клиент ответил 7 раз об одном этапе (тест-драйв) за 30 дней");
    // 15 % perfect out of 70: above the region, but not far enough to be suspicious.
    Tally honest = answers(11, 10, 5).plus(answers(59, 8, 4));
    assertThat(
            IntegrityCheck.check(
                honest, answers(1, 9, 5), region, IntegrityCheck.Repeats.NONE, 0.0, "en"))
        .isEmpty();
  }

  @Test
  void aBusyHourIsABurstOnlyAgainstTheDealersOwnTrafficAtThatHour() {
    // 252 answers in 30 days, all around noon: 12 in the last hour. The flat rate 252/720 = 0.35
    // an hour would call it a burst (12 > 0.35 + 5·√1 = 5.35); against its usual 8 a day at this
    // hour it is not (12 < 8 + 5·√8 = 22.1).
    Tally month = answers(252, 9, 4);
    Tally lastHour = answers(12, 9, 4);
    Tally region = answers(5000, 9, 4);
    assertThat(IntegrityCheck.check(month, lastHour, region, IntegrityCheck.Repeats.NONE, 8, "en"))
        .isEmpty();
    // The same 12 at an hour the dealer is usually quiet (0.1 a day) is one.
    assertThat(
            IntegrityCheck.check(month, lastHour, region, IntegrityCheck.Repeats.NONE, 0.1, "en"))
        .extracting(IntegrityFlag::kind)
        .containsExactly(IntegrityFlag.Kind.BURST);
  }

  @Test
  void aCustomerAnsweringAlongTheJourneyIsNotARepeat() {
    // At most 2 answers by one customer at one stage: whatever they gave across stages, no flag.
    Tally month = answers(40, 9, 4);
    assertThat(
            IntegrityCheck.check(
                month,
                Tally.empty(),
                answers(900, 9, 4),
                new IntegrityCheck.Repeats(2, JourneyStage.SERVICE_VISIT),
                1,
                "en"))
        .isEmpty();
  }

  @Test
  void keyDriversPutImportantLaggingParametersFirst() {
    List<KeyDrivers.Input> in =
        List.of(
            new KeyDrivers.Input(Parameter.SPEED, 0.7, 500, 60.0, 70.0),
            new KeyDrivers.Input(Parameter.CAR, 0.6, 500, 80.0, 70.0),
            new KeyDrivers.Input(Parameter.VISIT, 0.2, 500, 60.0, 65.0),
            new KeyDrivers.Input(Parameter.RETURN, 0.1, 500, 90.0, 80.0),
            new KeyDrivers.Input(Parameter.CONSULTATION, 0.9, 12, 50.0, 70.0),
            new KeyDrivers.Input(Parameter.RECOMMEND, 1.0, 500, 70.0, 70.0));
    Map<Parameter, KeyDriver.Quadrant> q = new EnumMap<>(Parameter.class);
    KeyDrivers.analyse(in).forEach(d -> q.put(d.parameter(), d.quadrant()));
    // Trusted correlations 0.7, 0.6, 0.2, 0.1: median 0.4.
    assertThat(q)
        .containsEntry(Parameter.SPEED, KeyDriver.Quadrant.FIX_FIRST)
        .containsEntry(Parameter.CAR, KeyDriver.Quadrant.KEEP_UP)
        .containsEntry(Parameter.VISIT, KeyDriver.Quadrant.MONITOR)
        .containsEntry(Parameter.RETURN, KeyDriver.Quadrant.SECONDARY)
        .containsEntry(Parameter.CONSULTATION, KeyDriver.Quadrant.UNKNOWN)
        .doesNotContainKey(Parameter.RECOMMEND);
  }

  @Test
  void csiIntervalFromTheSpreadOfEventComposites() {
    // Two events: SPEED 5, RECOMMEND 10 → 100, 100 (composite 100); SPEED 3, RECOMMEND 6 → 50, 60
    // (composite 55). CSI = (75 + 80)/2 = 77.5. The composites 100 and 55 have sd = 45/√2 = 31.82,
    // so se = 31.82/√2 = 22.5. Treating SPEED and RECOMMEND as independent would give
    // √(35.36²/2 + 28.28²/2)/2 = √(625 + 400)/2 = 16.01: too narrow, as both rose together.
    Tally t =
        Tally.builder()
            .addAnswer(JourneyStage.HANDOVER, Map.of(Parameter.SPEED, 5, Parameter.RECOMMEND, 10))
            .addAnswer(JourneyStage.HANDOVER, Map.of(Parameter.SPEED, 3, Parameter.RECOMMEND, 6))
            .build();
    assertThat(t.composites()).isEqualTo(new Tally.Composites(2, 1000 + 550, 1_000_000 + 302_500));
    CsiInterval ci = CsiInterval.of(t, settings);
    assertThat(ci.csi()).isCloseTo(77.5, within(1e-9));
    assertThat(ci.standardError()).isCloseTo(22.5, within(1e-9));
    // Two events: t with 1 degree of freedom, 12.706: a very wide interval, as two events deserve.
    assertThat(ci.critical()).isCloseTo(12.706, within(0.001));
    assertThat(ci.low()).isCloseTo(77.5 - ci.critical() * 22.5, within(1e-9));
  }

  @Test
  void csiIntervalWithUnequalWeightsScalesTheIndependentErrorByTheDesignEffect() {
    // The events above with SPEED weighing 3 and RECOMMEND 1: se_ind(w) = √(9·625 + 400)/4 =
    // 19.405, se_ind(equal) = 16.008, se_c = 22.5 → se = 22.5 · 19.405 / 16.008 = 27.275.
    Map<Parameter, Double> weights = new EnumMap<>(Parameter.class);
    weights.put(Parameter.SPEED, 3.0);
    weights.put(Parameter.RECOMMEND, 1.0);
    Tally t =
        Tally.builder()
            .addAnswer(JourneyStage.HANDOVER, Map.of(Parameter.SPEED, 5, Parameter.RECOMMEND, 10))
            .addAnswer(JourneyStage.HANDOVER, Map.of(Parameter.SPEED, 3, Parameter.RECOMMEND, 6))
            .build();
    CsiInterval ci = CsiInterval.of(t, new IndexSettings(weights, 30));
    // CSI = (3·75 + 80)/4 = 76.25
    assertThat(ci.csi()).isCloseTo(76.25, within(1e-9));
    assertThat(ci.standardError())
        .isCloseTo(22.5 * Math.sqrt(6025) / 4 / (Math.sqrt(1025) / 2), within(1e-9))
        .isCloseTo(27.275, within(0.001));
  }

  @Test
  void aCompositeIsTheEventsPlainMeanInTenthsRoundedHalfUp() {
    // CONSULTATION 4, SPEED 2, RECOMMEND 7 → 75, 25, 70: 170/3 = 56.67 → 567 tenths
    assertThat(
            Tally.compositeTenths(
                Map.of(Parameter.CONSULTATION, 4, Parameter.SPEED, 2, Parameter.RECOMMEND, 7)))
        .isEqualTo(567);
    // CAR 4, RECOMMEND 10, SPEED 3, VISIT 3 → 75 + 100 + 50 + 50 = 275 / 4 = 68.75 → 688 (half up)
    assertThat(
            Tally.compositeTenths(
                Map.of(
                    Parameter.CAR,
                    4,
                    Parameter.RECOMMEND,
                    10,
                    Parameter.SPEED,
                    3,
                    Parameter.VISIT,
                    3)))
        .isEqualTo(688);
    assertThat(Tally.compositeTenths(Map.of(Parameter.RECOMMEND, 0))).isZero();
  }
}
