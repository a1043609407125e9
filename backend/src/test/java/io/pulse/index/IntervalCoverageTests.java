package io.pulse.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The 95 % intervals cover the true value in 93–97 % of simulated samples
 * (docs/index-methodology.md, "CSI confidence interval" and "NPS and its margin of error"). Each
 * property draws its own seed, so every run checks fresh samples; 2,000 samples per try put the
 * observed coverage within ±1 point of the true one (one standard error 0.49 points).
 */
class IntervalCoverageTests {

  private static final int SAMPLES = 4_000;

  /**
   * Customers of three moods; given the mood, every parameter is drawn from the mood's own
   * distribution, so the answers of one event are strongly correlated, as in real surveys.
   */
  private static final double[] MOOD = {0.2, 0.3, 0.5};

  /** Probability of each 1–5 value, by mood. */
  private static final double[][] FIVE = {
    {0.3, 0.3, 0.3, 0.1, 0}, {0, 0.1, 0.4, 0.4, 0.1}, {0, 0, 0, 0.3, 0.7}
  };

  /** Probability of each 0–10 RECOMMEND value, by mood. */
  private static final double[][] TEN = {
    {1 / 7.0, 1 / 7.0, 1 / 7.0, 1 / 7.0, 1 / 7.0, 1 / 7.0, 1 / 7.0, 0, 0, 0, 0},
    {0, 0, 0, 0, 0, 0, 0.25, 0.25, 0.25, 0.25, 0},
    {0, 0, 0, 0, 0, 0, 0, 0, 1 / 3.0, 1 / 3.0, 1 / 3.0}
  };

  private final IndexSettings settings = IndexSettings.defaults();

  @Property(tries = 3)
  void csiIntervalCoversTheTrueCsiNineteenTimesInTwenty(
      @ForAll @LongRange(min = 1) long seed, @ForAll @IntRange(min = 20, max = 120) int events) {
    SplittableRandom random = new SplittableRandom(seed);
    // True CSI with equal weights: the mean over parameters of each one's expected score.
    // Six 1–5 parameters share one distribution, so CSI = (6·E[five] + E[ten]) / 7.
    double trueCsi = (6 * expected(FIVE, 25) + expected(TEN, 10)) / 7;
    int covered = 0;
    int coveredIndependent = 0;
    for (int s = 0; s < SAMPLES; s++) {
      Tally t = sample(random, events, 1.0);
      CsiInterval ci = CsiInterval.of(t, settings);
      if (ci.low() <= trueCsi && trueCsi <= ci.high()) {
        covered++;
      }
      double independent = independentStandardError(t);
      if (Math.abs(ci.csi() - trueCsi) <= ci.critical() * independent) {
        coveredIndependent++;
      }
    }
    assertThat(covered / (double) SAMPLES)
        .as("coverage of %d events", events)
        .isBetween(0.93, 0.97);
    // What the fix is for: the parameters taken as independent cover far too rarely.
    assertThat(coveredIndependent / (double) SAMPLES).isLessThan(0.80);
  }

  @Property(tries = 3)
  void csiIntervalOfAnswersRatingSubsetsCoversNearlyNineteenTimesInTwenty(
      @ForAll @LongRange(min = 1) long seed, @ForAll @IntRange(min = 30, max = 120) int events) {
    // Each answer rates 60 % of the parameters besides RECOMMEND: the CSI is then no longer the
    // mean of the composites and the design effect is an approximation, measured at 93.0–93.9 %
    // (20,000 samples each at 20–120 events): a little narrow, far better than the independent
    // formula; the methodology says so.
    SplittableRandom random = new SplittableRandom(seed);
    double trueCsi = (6 * expected(FIVE, 25) + expected(TEN, 10)) / 7;
    int covered = 0;
    for (int s = 0; s < SAMPLES; s++) {
      CsiInterval ci = CsiInterval.of(sample(random, events, 0.6), settings);
      if (ci.low() <= trueCsi && trueCsi <= ci.high()) {
        covered++;
      }
    }
    assertThat(covered / (double) SAMPLES)
        .as("coverage of %d events", events)
        .isBetween(0.92, 0.97);
  }

  @Property(tries = 3)
  void npsIntervalCoversTheTrueNpsNineteenTimesInTwenty(
      @ForAll @LongRange(min = 1) long seed, @ForAll @IntRange(min = 30, max = 120) int events) {
    SplittableRandom random = new SplittableRandom(seed);
    // True shares: promoters 9–10, detractors 0–6, from the mixture of moods.
    double promoters = 0;
    double detractors = 0;
    for (int m = 0; m < MOOD.length; m++) {
      promoters += MOOD[m] * (TEN[m][9] + TEN[m][10]);
      for (int v = 0; v <= 6; v++) {
        detractors += MOOD[m] * TEN[m][v];
      }
    }
    double trueNps = 100 * (promoters - detractors);
    int covered = 0;
    for (int s = 0; s < SAMPLES; s++) {
      NetPromoterScore nps = IndexCalculator.nps(sample(random, events, 1.0));
      if (nps.low() <= trueNps && trueNps <= nps.high()) {
        covered++;
      }
    }
    assertThat(covered / (double) SAMPLES)
        .as("coverage of %d events", events)
        .isBetween(0.93, 0.97);
  }

  @Property(tries = 3)
  void npsIntervalOfAnAllPromoterDealerStillCovers(
      @ForAll @LongRange(min = 1) long seed, @ForAll @IntRange(min = 10, max = 60) int events) {
    // 97 % promoters, 3 % detractors: most small samples have no detractor at all, where the plain
    // Wald interval collapses to 100 ± 0 and misses the true NPS of 94 every time.
    SplittableRandom random = new SplittableRandom(seed);
    double trueNps = 94;
    int covered = 0;
    for (int s = 0; s < SAMPLES; s++) {
      Tally.Builder b = Tally.builder();
      for (int i = 0; i < events; i++) {
        int v = random.nextDouble() < 0.97 ? 10 : 3;
        b.addAnswer(JourneyStage.HANDOVER, Map.of(Parameter.RECOMMEND, v));
      }
      NetPromoterScore nps = IndexCalculator.nps(b.build());
      assertThat(nps.marginOfError()).isPositive();
      if (nps.low() <= trueNps && trueNps <= nps.high()) {
        covered++;
      }
    }
    // Near the edge of the scale coverage is uneven; adjusted Wald stays at or above nominal.
    assertThat(covered / (double) SAMPLES).as("coverage of %d events", events).isGreaterThan(0.93);
  }

  /**
   * {@code events} answers; each rates RECOMMEND and each other parameter with probability {@code
   * rated}.
   */
  private static Tally sample(SplittableRandom random, int events, double rated) {
    Tally.Builder b = Tally.builder();
    for (int i = 0; i < events; i++) {
      int mood = draw(random, MOOD);
      Map<Parameter, Integer> scores = new EnumMap<>(Parameter.class);
      for (Parameter p : Parameter.values()) {
        int v = p == Parameter.RECOMMEND ? draw(random, TEN[mood]) : 1 + draw(random, FIVE[mood]);
        if (p == Parameter.RECOMMEND || random.nextDouble() < rated) {
          scores.put(p, v);
        }
      }
      b.addAnswer(JourneyStage.HANDOVER, scores);
    }
    return b.build();
  }

  private static int draw(SplittableRandom random, double[] probabilities) {
    double u = random.nextDouble();
    for (int i = 0; i < probabilities.length - 1; i++) {
      u -= probabilities[i];
      if (u < 0) {
        return i;
      }
    }
    return probabilities.length - 1;
  }

  /** Expected normalised score: Σ over moods and values of P(mood)·P(value | mood)·norm(value). */
  private static double expected(double[][] byMood, int step) {
    double e = 0;
    for (int m = 0; m < MOOD.length; m++) {
      for (int v = 0; v < byMood[m].length; v++) {
        e += MOOD[m] * byMood[m][v] * v * step;
      }
    }
    return e;
  }

  /** The formula used before: parameter means taken as independent. */
  private double independentStandardError(Tally t) {
    double variance = 0;
    for (Parameter p : Parameter.values()) {
      ParameterScore s = IndexCalculator.score(t, p);
      variance += s.sd() * s.sd() / s.answers();
    }
    return Math.sqrt(variance) / Parameter.values().length;
  }
}
