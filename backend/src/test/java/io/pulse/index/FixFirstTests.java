package io.pulse.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pulse.api.BenchmarkKind;
import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Known answers for the RECOMMEND model and the fix-first list. */
class FixFirstTests {

  private final IndexSettings settings = IndexSettings.defaults();

  /** Predictors independent with variance 400; SPEED and CAR covary with RECOMMEND. */
  private static RecommendModel.Covariances diagonal(long pairs) {
    return (a, b) -> {
      if (a == b) {
        return new RecommendModel.Covariance(a == Parameter.RECOMMEND ? 900 : 400, pairs);
      }
      Parameter other = a == Parameter.RECOMMEND ? b : b == Parameter.RECOMMEND ? a : null;
      double v = other == Parameter.SPEED ? 200 : other == Parameter.CAR ? 100 : 0;
      return new RecommendModel.Covariance(v, pairs);
    };
  }

  @Test
  void theModelSolvesTheNormalEquations() {
    // Σ_xx = 400·I, Σ_xy = (SPEED 200, CAR 100, others 0): β_SPEED = 200/400 = 0.5,
    // β_CAR = 100/400 = 0.25; R² = (0.5·200 + 0.25·100) / 900 = 125/900 = 0.1389.
    RecommendModel m = RecommendModel.fit(diagonal(500));
    assertThat(m).isNotNull();
    assertThat(m.coefficient(Parameter.SPEED)).isCloseTo(0.5, within(1e-12));
    assertThat(m.coefficient(Parameter.CAR)).isCloseTo(0.25, within(1e-12));
    assertThat(m.coefficient(Parameter.VISIT)).isCloseTo(0, within(1e-12));
    assertThat(m.rSquared()).isCloseTo(125.0 / 900, within(1e-12));
    assertThat(m.pairs()).isEqualTo(500);
    // Too few answers behind a covariance, or a parameter nobody varies: no model.
    assertThat(RecommendModel.fit(diagonal(29))).isNull();
    assertThat(
            RecommendModel.fit((a, b) ->
                a == Parameter.CAR || b == Parameter.CAR
                    ? new RecommendModel.Covariance(0, 500)
                    : diagonal(500).of(a, b)))
        .isNull();
  }

  @Test
  void theModelRecoversKnownCoefficientsFromPairwiseCovariancesOfSubsets() {
    // RECOMMEND = 0.6·SPEED + 0.3·CAR + noise, the parameters correlated through a common mood and
    // each rated by 70 % of 20,000 customers; covariances pairwise, as PostgreSQL computes them.
    SplittableRandom random = new SplittableRandom(3);
    int n = 20_000;
    double[][] x = new double[n][7];
    boolean[][] rated = new boolean[n][7];
    for (int i = 0; i < n; i++) {
      double mood = random.nextGaussian() * 10;
      for (Parameter p : RecommendModel.PREDICTORS) {
        x[i][p.ordinal()] = 60 + mood + random.nextGaussian() * 15;
        rated[i][p.ordinal()] = random.nextDouble() < 0.7;
      }
      x[i][Parameter.RECOMMEND.ordinal()] =
          10
              + 0.6 * x[i][Parameter.SPEED.ordinal()]
              + 0.3 * x[i][Parameter.CAR.ordinal()]
              + random.nextGaussian() * 8;
      rated[i][Parameter.RECOMMEND.ordinal()] = true;
    }
    RecommendModel m =
        RecommendModel.fit((a, b) -> {
          double sa = 0, sb = 0, sab = 0;
          long k = 0;
          for (int i = 0; i < n; i++) {
            if (rated[i][a.ordinal()] && rated[i][b.ordinal()]) {
              sa += x[i][a.ordinal()];
              sb += x[i][b.ordinal()];
              sab += x[i][a.ordinal()] * x[i][b.ordinal()];
              k++;
            }
          }
          return new RecommendModel.Covariance((sab - sa * sb / k) / (k - 1), k);
        });
    assertThat(m).isNotNull();
    assertThat(m.coefficient(Parameter.SPEED)).isCloseTo(0.6, within(0.03));
    assertThat(m.coefficient(Parameter.CAR)).isCloseTo(0.3, within(0.03));
    assertThat(m.coefficient(Parameter.VISIT)).isCloseTo(0, within(0.03));
    // var(0.6·S + 0.3·C) = 0.36·325 + 0.09·325 + 2·0.18·100 = 182.25; noise 64: R² = 0.74
    assertThat(m.rSquared()).isCloseTo(182.25 / (182.25 + 64), within(0.02));
  }

  private static Tally dealer() {
    // SPEED 2, 3, 3, 4, 4 → 25, 50, 50, 75, 75 (mean 55); RECOMMEND 6, 6, 8, 8, 9 (mean 74).
    int[] speed = {2, 3, 3, 4, 4};
    int[] recommend = {6, 6, 8, 8, 9};
    Tally.Builder b = Tally.builder();
    for (int i = 0; i < 5; i++) {
      b.addAnswer(
          JourneyStage.HANDOVER,
          Map.of(Parameter.SPEED, speed[i], Parameter.RECOMMEND, recommend[i]));
    }
    return b.build();
  }

  @Test
  void npsOfShiftedAnswersInterpolatesBetweenWholePoints() {
    // 6, 6, 8, 8, 9: NPS = (1 − 2)/5 = −20. Shifted by 1: 7, 7, 9, 9, 10 → (3 − 0)/5 = 60.
    // Half a point: half the answers move one point: (−20 + 60)/2 = 20.
    assertThat(FixFirst.npsShifted(dealer(), 0)).isCloseTo(-20, within(1e-9));
    assertThat(FixFirst.npsShifted(dealer(), 1)).isCloseTo(60, within(1e-9));
    assertThat(FixFirst.npsShifted(dealer(), 0.5)).isCloseTo(20, within(1e-9));
    // Nothing goes above 10: shifted by 5, every answer is a promoter.
    assertThat(FixFirst.npsShifted(dealer(), 5)).isCloseTo(100, within(1e-9));
  }

  @Test
  void aParameterBelowTheBenchmarkWithItsExpectedGain() {
    // Benchmark: SPEED all 4 (75), RECOMMEND all 8 (80). Gap 75 − 55 = 20; the dealer rates two
    // parameters (Σw = 2): directly +20/2 = 10 CSI. β_SPEED = 0.5 lifts RECOMMEND by 10 (74 → 84):
    // +10/2 = 5 CSI more, 15 in all, and every RECOMMEND answer up 1 point: NPS −20 → 60, +80.
    Tally benchmark = Tally.empty();
    for (int i = 0; i < 100; i++) {
      benchmark =
          benchmark.plus(
              Tally.ofAnswer(
                  JourneyStage.HANDOVER, Map.of(Parameter.SPEED, 4, Parameter.RECOMMEND, 8)));
    }
    RecommendModel model = RecommendModel.fit(diagonal(500));
    List<FixFirst.Item> items =
        FixFirst.items(
            dealer(),
            benchmark,
            BenchmarkKind.REGION,
            Map.of(Parameter.SPEED, 0.62),
            Set.of(Parameter.SPEED),
            model,
            settings);
    assertThat(items).hasSize(1);
    FixFirst.Item speed = items.getFirst();
    assertThat(speed.gap()).isCloseTo(20, within(1e-9));
    assertThat(speed.priority()).isCloseTo(0.62 * 20, within(1e-9));
    assertThat(speed.csiGain()).isCloseTo(15, within(1e-9));
    assertThat(speed.npsGain()).isCloseTo(80, within(1e-9));
    assertThat(speed.weakPoint()).isTrue();
    assertThat(speed.sentence("en"))
        .isEqualTo(
            "Speed and organisation: from 55 to 75, as in the region, would add about +15.0 CSI"
                + " and +80.0 NPS");
    assertThat(speed.sentence("ru"))
        .isEqualTo(
            "Скорость и организация: с 55 до 75, как в регионе, — это около +15.0 CSI и +80.0 NPS");
    // Without a model only the direct effect is known.
    FixFirst.Item direct =
        FixFirst.items(
                dealer(), benchmark, BenchmarkKind.REGION, Map.of(), Set.of(), null, settings)
            .getFirst();
    assertThat(direct.csiGain()).isCloseTo(10, within(1e-9));
    assertThat(direct.npsGain()).isNull();
    assertThat(direct.sentence("en"))
        .isEqualTo(
            "Speed and organisation: from 55 to 75, as in the region, would add about +10.0 CSI");
  }

  @Test
  void itemsAreOrderedByImportanceTimesGap() {
    // SPEED 10 below with importance 0.6 (priority 6) beats CAR 25 below with importance 0.2 (5);
    // VISIT, 30 below but of untrusted importance, comes last.
    Map<Parameter, Integer> dealer =
        Map.of(Parameter.SPEED, 4, Parameter.CAR, 3, Parameter.VISIT, 2, Parameter.RECOMMEND, 8);
    Map<Parameter, Integer> bench =
        Map.of(Parameter.SPEED, 4, Parameter.CAR, 4, Parameter.VISIT, 3, Parameter.RECOMMEND, 8);
    Tally d = Tally.empty();
    Tally b = Tally.empty();
    for (int i = 0; i < 10; i++) {
      d = d.plus(Tally.ofAnswer(JourneyStage.HANDOVER, dealer));
      b = b.plus(Tally.ofAnswer(JourneyStage.HANDOVER, bench));
    }
    // Make SPEED 10 below: five of the dealer's ten SPEED answers are 3 (50) → mean 62.5.
    for (int i = 0; i < 10; i++) {
      d = d.plus(Tally.ofAnswer(JourneyStage.HANDOVER, Map.of(Parameter.SPEED, 3)));
    }
    Map<Parameter, Double> importance = new EnumMap<>(Parameter.class);
    importance.put(Parameter.SPEED, 0.6);
    importance.put(Parameter.CAR, 0.2);
    List<FixFirst.Item> items =
        FixFirst.items(d, b, BenchmarkKind.REGION, importance, Set.of(), null, settings);
    // SPEED: 20 answers, 10 × 75 and 10 × 50 = 62.5 against 75: gap 12.5, priority 7.5;
    // CAR: 50 against 75, gap 25, priority 5; VISIT: 25 against 50, gap 25, no importance.
    assertThat(items)
        .extracting(FixFirst.Item::parameter)
        .containsExactly(Parameter.SPEED, Parameter.CAR, Parameter.VISIT);
    assertThat(items.getFirst().priority()).isCloseTo(7.5, within(1e-9));
  }

  @Test
  void aBrandsLineSaysHowManyDealersAndTheGainForTheBrand() {
    assertThat(FixFirst.brandSentence(Parameter.SPEED, 40, 1.84, "en"))
        .isEqualTo(
            "Speed and organisation in 40 dealers below their region, raised to it: about +1.8 CSI"
                + " for the brand");
    assertThat(FixFirst.brandSentence(Parameter.CAR, 21, 0.25, "ru"))
        .isEqualTo(
            "Оценка автомобиля: у 21 дилера ниже своего региона; подтянуть до него — около +0.3 CSI"
                + " бренда");
    assertThat(FixFirst.brandSentence(Parameter.VISIT, 1, 0.04, "en"))
        .isEqualTo(
            "Service during the visit in 1 dealer below their region, raised to it: about +0.0 CSI"
                + " for the brand");
  }
}
