package io.pulse.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class PeriodChangeTests {

  private final IndexCalculator calculator = new IndexCalculator(IndexSettings.defaults());

  private static Tally answers(Map<Integer, Integer> speedCounts, Map<Integer, Integer> recommend) {
    Tally.Builder b = Tally.builder();
    speedCounts.forEach((v, n) -> {
      for (int i = 0; i < n; i++) {
        b.addAnswer(JourneyStage.SERVICE_VISIT, Map.of(Parameter.SPEED, v));
      }
    });
    recommend.forEach((v, n) -> {
      for (int i = 0; i < n; i++) {
        b.addAnswer(JourneyStage.SERVICE_VISIT, Map.of(Parameter.RECOMMEND, v));
      }
    });
    return b.build();
  }

  @Test
  void aLargeDropBetweenTwoPeriodsIsSignificant() {
    // Current: SPEED 5×5 and 5×3 → 5×100, 5×50: CSI 75, sd = √((62,500 − 56,250)/9) = 26.35,
    // se = 26.35/√10 = 8.33. Previous: SPEED 5×2 and 5×3 → 5×25, 5×50: CSI 37.5,
    // sd = √((15,625 − 14,062.5)/9) = 13.18, se = 4.17.
    // se of the difference = √(8.33² + 4.17²) = 9.32; 1.96 × 9.32 = 18.26 < 37.5 → significant.
    IndexFigures current = calculator.figures(answers(Map.of(5, 5, 3, 5), Map.of()));
    IndexFigures previous = calculator.figures(answers(Map.of(2, 5, 3, 5), Map.of()));
    PeriodChange change = PeriodChange.between(current, previous);
    assertThat(change.csiChange()).isCloseTo(37.5, within(1e-9));
    assertThat(change.csiSignificant()).isTrue();
    // No RECOMMEND answers: no NPS, nothing to judge.
    assertThat(change.npsChange()).isNull();
    assertThat(change.npsSignificant()).isNull();
  }

  @Test
  void theBoundIsOnePointNinetySixStandardErrorsOfTheDifference() {
    // se₁ = 2, se₂ = 1.5: √(4 + 2.25) = 2.5, bound 1.96 × 2.5 = 4.9.
    assertThat(PeriodChange.significant(5.0, 2.0, 1.5, true)).isTrue();
    assertThat(PeriodChange.significant(-5.0, 2.0, 1.5, true)).isTrue();
    assertThat(PeriodChange.significant(4.8, 2.0, 1.5, true)).isFalse();
    assertThat(PeriodChange.significant(5.0, 2.0, null, true)).isNull();
    assertThat(PeriodChange.significant(5.0, 2.0, 1.5, false)).isNull();
    assertThat(PeriodChange.significant(null, 2.0, 1.5, true)).isNull();
  }

  @Test
  void fewerThanTenResponsesInEitherPeriodGiveNoVerdict() {
    // 9 answers now (all 100) against 10 before (all 0): a huge difference, but too few answers.
    IndexFigures current = calculator.figures(answers(Map.of(5, 9), Map.of()));
    IndexFigures previous = calculator.figures(answers(Map.of(1, 10), Map.of()));
    PeriodChange change = PeriodChange.between(current, previous);
    assertThat(change.csiChange()).isEqualTo(100.0);
    assertThat(change.csiSignificant()).isNull();
  }

  @Test
  void npsChangesUseTheAdjustedWaldStandardErrors() {
    // Now 20 promoters (10) of 20: p' = 20.75/23, d' = 0.75/23; margin =
    // 196·√((p' + d' − (p' − d')²)/23) = 196·√((0.9348 − 0.7561)/23) = 17.28 → se = 8.81.
    // Before 10 promoters, 10 detractors (0): NPS 0; p' = d' = 10.75/23, margin =
    // 196·√(0.9348/23) = 39.51 → se = 20.16. √(8.81² + 20.16²) = 22.0; bound 43.1 < 100.
    IndexFigures current = calculator.figures(answers(Map.of(), Map.of(10, 20)));
    IndexFigures previous = calculator.figures(answers(Map.of(), Map.of(10, 10, 0, 10)));
    assertThat(current.nps().marginOfError()).isCloseTo(17.28, within(0.01));
    assertThat(previous.nps().marginOfError()).isCloseTo(39.51, within(0.01));
    PeriodChange change = PeriodChange.between(current, previous);
    assertThat(change.npsChange()).isEqualTo(100.0);
    assertThat(change.npsSignificant()).isTrue();
  }

  @Test
  void twoPeriodsOfTheSameDealerDifferByChanceInAboutFivePercentOfCases() {
    // The claim of the test: with no true change, "significant" comes up 5 % of the time. Two
    // periods of 60 answers each from one distribution (SPEED and RECOMMEND, each answer drawn
    // uniformly), 4,000 times: the share flagged must be near 5 % (binomial sd 0.34 %).
    java.util.Random random = new java.util.Random(42);
    int flagged = 0;
    int judged = 0;
    for (int run = 0; run < 4_000; run++) {
      IndexFigures a = calculator.figures(randomPeriod(random, 60));
      IndexFigures b = calculator.figures(randomPeriod(random, 60));
      Boolean significant = PeriodChange.between(a, b).csiSignificant();
      if (significant != null) {
        judged++;
        flagged += significant ? 1 : 0;
      }
    }
    assertThat(judged).isEqualTo(4_000);
    assertThat((double) flagged / judged).isBetween(0.035, 0.065);
  }

  private static Tally randomPeriod(java.util.Random random, int answers) {
    Tally.Builder b = Tally.builder();
    for (int i = 0; i < answers; i++) {
      b.addAnswer(
          JourneyStage.SERVICE_VISIT,
          Map.of(Parameter.SPEED, 1 + random.nextInt(5), Parameter.RECOMMEND, random.nextInt(11)));
    }
    return b.build();
  }

  @Property
  void significanceIsSymmetricInTheSignOfTheChange(
      @ForAll @DoubleRange(min = -100, max = 100) double change,
      @ForAll @DoubleRange(min = 0.01, max = 30) double se1,
      @ForAll @DoubleRange(min = 0.01, max = 30) double se2) {
    assertThat(PeriodChange.significant(change, se1, se2, true))
        .isEqualTo(PeriodChange.significant(-change, se2, se1, true));
  }
}
