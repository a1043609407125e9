package io.pulse.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pulse.api.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Known answers of the early-warning tests, computed by hand in the comments. */
class EarlyWarningTests {

  /** Warm-up of two answers so that examples stay short; decision intervals per test. */
  private static EarlyWarningSettings settings(double csiH, double parameterH, double detractorH) {
    return new EarlyWarningSettings(2, 200, 10, 3, 0.5, csiH, parameterH, 3, 0.05, detractorH);
  }

  private static List<EarlyWarning.Step> run(EarlyWarning tests, List<Map<Parameter, Integer>> as) {
    List<EarlyWarning.Step> steps = new ArrayList<>();
    DealerWatch watch = DealerWatch.fresh();
    for (Map<Parameter, Integer> a : as) {
      EarlyWarning.Step step = tests.advance(watch, a);
      steps.add(step);
      watch = step.watch();
    }
    return steps;
  }

  // SPEED 5, 3, 1, 2 → 100, 50, 0, 25 (the per-answer CSI is the SPEED answer).
  private static final List<Map<Parameter, Integer>> SPEED_FALLS =
      List.of(
          Map.of(Parameter.SPEED, 5),
          Map.of(Parameter.SPEED, 3),
          Map.of(Parameter.SPEED, 1),
          Map.of(Parameter.SPEED, 2));

  @Test
  void aFallingCsiRaisesOneIndexDropWithTheParametersThatMovedMost() {
    List<EarlyWarning.Step> steps =
        run(new EarlyWarning(settings(2.6, 2.6, 4), IndexSettings.defaults()), SPEED_FALLS);
    // After 100, 50: baseline n = 2, mean 75, variance ½·(0 + ½·50²) = 625, sd 25.
    DealerWatch.Baseline base = steps.get(1).watch().csi();
    assertThat(base.n()).isEqualTo(2);
    assertThat(base.mean()).isCloseTo(75, within(1e-9));
    assertThat(base.variance()).isCloseTo(625, within(1e-9));
    // Answer 0: z = (0 − 75)/25 = −3, S = 0 − (−3 + 0.5) = 2.5; baseline → mean 50,
    // variance ⅔·(625 + ⅓·75²) = 1,666.67.
    DealerWatch third = steps.get(2).watch();
    assertThat(steps.get(2).detections()).isEmpty();
    assertThat(third.csiRun().statistic()).isCloseTo(2.5, within(1e-9));
    assertThat(third.csi().mean()).isCloseTo(50, within(1e-9));
    assertThat(third.csi().variance()).isCloseTo(1666.6667, within(1e-3));
    // Answer 25: z = (25 − 50)/40.825 = −0.6124, S = 2.5 + 0.1124 = 2.6124 > 2.6: alarm. The run
    // began at baseline 75 and holds 0 and 25 (mean 12.5); SPEED fell the same. SPEED's own test
    // crossed too, but the CSI's alert tells it.
    List<WarningDetection> found = steps.get(3).detections();
    assertThat(found).hasSize(1);
    WarningDetection drop = found.getFirst();
    assertThat(drop.reason()).isEqualTo("INDEX_DROP");
    assertThat(drop.from()).isCloseTo(75, within(1e-9));
    assertThat(drop.to()).isCloseTo(12.5, within(1e-9));
    assertThat(drop.answers()).isEqualTo(2);
    assertThat(drop.movedMost()).containsExactly(Parameter.SPEED);
    assertThat(drop.english())
        .isEqualTo(
            "CSI fell from 75 to 13 over the last 2 answers; Speed and organisation moved most");
    assertThat(drop.russian())
        .isEqualTo(
            "CSI упал с 75 до 13 за последние 2 ответа; сильнее всего снизились: скорость и"
                + " организация");
    // Afterwards every test starts afresh from this answer: no second alert for the same fall.
    DealerWatch after = steps.get(3).watch();
    assertThat(after.csiRun().statistic()).isZero();
    assertThat(after.csi().n()).isEqualTo(1);
    assertThat(after.csi().mean()).isCloseTo(25, within(1e-9));
    assertThat(after.parameterRuns().get(Parameter.SPEED).statistic()).isZero();
  }

  @Test
  void oneParameterFallingAloneIsAWeakPoint() {
    // The same answers with the CSI test out of reach: SPEED's test sees exactly what the CSI's
    // saw above (2.5, then 2.6124 > 2.6).
    List<EarlyWarning.Step> steps =
        run(new EarlyWarning(settings(100, 2.6, 4), IndexSettings.defaults()), SPEED_FALLS);
    List<WarningDetection> found = steps.get(3).detections();
    assertThat(found).extracting(WarningDetection::reason).containsExactly("WEAK_POINT:SPEED");
    assertThat(found.getFirst().english())
        .isEqualTo("Speed and organisation fell from 75 to 13 over the last 2 answers");
    assertThat(found.getFirst().russian())
        .isEqualTo("Скорость и организация: снижение с 75 до 13 за последние 2 ответа");
  }

  @Test
  void detractorsRisingIsABernoulliCusum() {
    // RECOMMEND 10, 9 (no detractor): baseline share 0, floored at 0.05. Then 3: odds 3·0.05/0.95
    // = 0.15789, p1 = 0.13636, S = ln(0.13636/0.05) = 1.0033; baseline share → ⅓. Then 2:
    // p0 = ⅓, odds 3·0.5 = 1.5, p1 = 0.6, S = 1.0033 + ln(0.6/0.3333) = 1.0033 + 0.5878 = 1.5911
    // > 1.5: alarm, from 0 % to 100 % (two detractors in two answers).
    List<EarlyWarning.Step> steps =
        run(
            new EarlyWarning(settings(100, 100, 1.5), IndexSettings.defaults()),
            List.of(
                Map.of(Parameter.RECOMMEND, 10),
                Map.of(Parameter.RECOMMEND, 9),
                Map.of(Parameter.RECOMMEND, 3),
                Map.of(Parameter.RECOMMEND, 2)));
    assertThat(steps.get(2).watch().detractorRun().statistic()).isCloseTo(1.0033, within(1e-4));
    assertThat(steps.get(2).detections()).isEmpty();
    List<WarningDetection> found = steps.get(3).detections();
    assertThat(found).extracting(WarningDetection::reason).containsExactly("DETRACTORS_RISE");
    assertThat(found.getFirst().english())
        .isEqualTo("Detractors rose from 0 % to 100 % of answers over the last 2 answers");
    assertThat(found.getFirst().russian())
        .isEqualTo("Доля критиков выросла с 0 % до 100 % за последние 2 ответа");
    assertThat(steps.get(3).watch().detractorRun().statistic()).isZero();
  }

  @Test
  void oneFuriousAnswerAloneRaisesNothing() {
    // Baseline 100, 50 (sd 25): an answer of 0 is z = −3, clipped at −3 anyway; S = 2.5 < h 5.
    EarlyWarning tests = new EarlyWarning(settings(5, 7, 4), IndexSettings.defaults());
    List<EarlyWarning.Step> steps = run(tests, SPEED_FALLS.subList(0, 3));
    assertThat(steps).allSatisfy(s -> assertThat(s.detections()).isEmpty());
  }

  @Test
  void perAnswerCsiIsTheWeightedMeanOfItsAnswers() {
    // (SPEED 3 → 50, RECOMMEND 10 → 100): (50 + 100)/2 = 75.
    EarlyWarning tests =
        new EarlyWarning(EarlyWarningSettings.defaults(), IndexSettings.defaults());
    assertThat(tests.answerCsi(Map.of(Parameter.SPEED, 3, Parameter.RECOMMEND, 10))).isEqualTo(75);
  }

  @Test
  void russianPluralOfAnswers() {
    assertThat(WarningDetection.answersRu(1)).isEqualTo("ответ");
    assertThat(WarningDetection.answersRu(3)).isEqualTo("ответа");
    assertThat(WarningDetection.answersRu(11)).isEqualTo("ответов");
    assertThat(WarningDetection.answersRu(46)).isEqualTo("ответов");
    assertThat(WarningDetection.answersRu(21)).isEqualTo("ответ");
  }
}
