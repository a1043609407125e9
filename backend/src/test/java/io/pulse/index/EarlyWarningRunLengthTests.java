package io.pulse.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.api.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Average run lengths of the early-warning tests with their default settings, by Monte-Carlo
 * simulation with a fixed seed (docs/index-methodology.md, "Early warning", quotes these numbers).
 *
 * <p>The answers come from a model shaped like real survey data: each answer has a mood shared by
 * its parameters (answers within an event are correlated), each parameter is rated with probability
 * 0.7, values are rounded and clipped to their scale (so the per-answer CSI is skewed and discrete,
 * not normal). In control: quality 4.2 on the 1–5 scale, per-answer CSI mean ≈ 78, sd ≈ 16,
 * detractors ≈ 19 %. Each run starts with full baselines (200 answers) and zero statistics; its
 * length is the number of answers after the start until the test alarms.
 */
class EarlyWarningRunLengthTests {

  private static final int REPS = 400;
  private static final int CAP = 20_000;

  private final EarlyWarning tests =
      new EarlyWarning(EarlyWarningSettings.defaults(), IndexSettings.defaults());

  /** One answer: quality {@code q} (1–5 scale), SPEED lowered by {@code speedFall}. */
  static Map<Parameter, Integer> answer(SplittableRandom rng, double q, double speedFall) {
    double mood = rng.nextGaussian();
    Map<Parameter, Integer> scores = new EnumMap<>(Parameter.class);
    for (Parameter p : Parameter.values()) {
      if (rng.nextDouble() < 0.7) {
        double latent =
            q + 0.7 * mood + 0.6 * rng.nextGaussian() - (p == Parameter.SPEED ? speedFall : 0);
        scores.put(p, value(p, latent));
      }
    }
    if (scores.isEmpty()) {
      scores.put(Parameter.RECOMMEND, value(Parameter.RECOMMEND, q + 0.7 * mood));
    }
    return scores;
  }

  private static int value(Parameter p, double latent) {
    long v = p == Parameter.RECOMMEND ? Math.round(2.5 * latent - 2) : Math.round(latent);
    return (int) Math.max(p.min(), Math.min(p.max(), v));
  }

  /** Run lengths per kind of warning (first alarm of each kind), over {@link #REPS} runs. */
  private Map<WarningDetection.Kind, List<Integer>> runLengths(
      long seed, double quality, double speedFall) {
    SplittableRandom rng = new SplittableRandom(seed);
    Map<WarningDetection.Kind, List<Integer>> lengths = new EnumMap<>(WarningDetection.Kind.class);
    for (WarningDetection.Kind k : WarningDetection.Kind.values()) {
      lengths.put(k, new ArrayList<>());
    }
    for (int rep = 0; rep < REPS; rep++) {
      DealerWatch w = DealerWatch.fresh();
      while (w.csi().n() < 200
          || w.detractors().n() < 150
          || w.parameter(Parameter.SPEED).n() < 150) {
        w = tests.advance(w, answer(rng, 4.2, 0)).watch();
      }
      w =
          new DealerWatch(
              w.csi(),
              DealerWatch.Run.EMPTY,
              Map.of(),
              w.parameters(),
              Map.of(),
              w.detractors(),
              DealerWatch.Run.EMPTY);
      Map<WarningDetection.Kind, Integer> first = new EnumMap<>(WarningDetection.Kind.class);
      for (int t = 1; t <= CAP && first.size() < 3; t++) {
        EarlyWarning.Step step = tests.advance(w, answer(rng, quality, speedFall));
        w = step.watch();
        for (WarningDetection d : step.detections()) {
          first.putIfAbsent(d.kind(), t);
        }
      }
      first.forEach((k, t) -> lengths.get(k).add(t));
    }
    return lengths;
  }

  private static double mean(List<Integer> xs) {
    return xs.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN);
  }

  private static int median(List<Integer> xs) {
    List<Integer> sorted = new ArrayList<>(xs);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  @Test
  void inControlFalseAlarmsAreRare() {
    Map<WarningDetection.Kind, List<Integer>> rl = runLengths(17, 4.2, 0);
    double csi = mean(rl.get(WarningDetection.Kind.INDEX_DROP));
    double weak = mean(rl.get(WarningDetection.Kind.WEAK_POINT));
    double detractors = mean(rl.get(WarningDetection.Kind.DETRACTORS_RISE));
    System.out.printf(
        "ARL0: INDEX_DROP %.0f, WEAK_POINT (any of 7) %.0f, DETRACTORS_RISE %.0f answers%n",
        csi, weak, detractors);
    // Documented: ARL0 ≈ 560 (CSI), ≈ 1,200 (any parameter), ≈ 1,050 (detractors) answers.
    assertThat(rl.get(WarningDetection.Kind.INDEX_DROP)).hasSize(REPS);
    assertThat(csi).isBetween(450.0, 700.0);
    assertThat(weak).isBetween(1000.0, 1500.0);
    assertThat(detractors).isBetween(800.0, 1300.0);
  }

  @Test
  void aFallOfOneStandardDeviationIsFoundWithinAboutTenAnswers() {
    // Quality 4.2 → 3.45: per-answer CSI 78 → 62 (−16 points, one in-control sd), detractors
    // 19 % → 48 %.
    Map<WarningDetection.Kind, List<Integer>> rl = runLengths(23, 3.45, 0);
    List<Integer> csi = rl.get(WarningDetection.Kind.INDEX_DROP);
    System.out.printf(
        "ARL1 (−16 points): INDEX_DROP mean %.1f median %d; DETRACTORS_RISE mean %.1f%n",
        mean(csi), median(csi), mean(rl.get(WarningDetection.Kind.DETRACTORS_RISE)));
    assertThat(mean(csi)).isBetween(8.0, 14.0);
    assertThat(median(csi)).isBetween(6, 12);
    assertThat(mean(rl.get(WarningDetection.Kind.DETRACTORS_RISE))).isBetween(20.0, 45.0);
  }

  @Test
  void aSmallerFallTakesLonger() {
    // Quality 4.2 → 3.7: CSI 78 → 67 (−11 points, 0.7 sd).
    Map<WarningDetection.Kind, List<Integer>> rl = runLengths(29, 3.7, 0);
    List<Integer> csi = rl.get(WarningDetection.Kind.INDEX_DROP);
    System.out.printf(
        "ARL1 (−11 points): INDEX_DROP mean %.1f median %d%n", mean(csi), median(csi));
    assertThat(mean(csi)).isBetween(18.0, 35.0);
  }

  @Test
  void oneParameterFallingAloneIsFoundAsAWeakPoint() {
    // SPEED alone one scale point lower (its mean 78 → 55); the CSI moves by about 3 points.
    Map<WarningDetection.Kind, List<Integer>> rl = runLengths(31, 4.2, 1.0);
    List<Integer> weak = rl.get(WarningDetection.Kind.WEAK_POINT);
    System.out.printf(
        "ARL1 (SPEED −1): WEAK_POINT mean %.1f median %d%n", mean(weak), median(weak));
    // The median, not the mean: in some runs the CSI's test fires first (the CSI moves too) and
    // tells the fall as an INDEX_DROP with SPEED as what moved most; SPEED's test then starts
    // afresh at the new level and has nothing left to find, which makes the mean long.
    assertThat(median(weak)).isBetween(12, 30);
  }

  @Test
  void oneSustainedFallGivesOneAlertNotOnePerAnswer() {
    SplittableRandom rng = new SplittableRandom(37);
    int alerts = 0;
    int runs = 200;
    for (int rep = 0; rep < runs; rep++) {
      DealerWatch w = DealerWatch.fresh();
      while (w.csi().n() < 200) {
        w = tests.advance(w, answer(rng, 4.2, 0)).watch();
      }
      w =
          new DealerWatch(
              w.csi(),
              DealerWatch.Run.EMPTY,
              Map.of(),
              w.parameters(),
              Map.of(),
              w.detractors(),
              DealerWatch.Run.EMPTY);
      // 60 answers at the lower level: found once; the new level is the new baseline.
      for (int t = 0; t < 60; t++) {
        EarlyWarning.Step step = tests.advance(w, answer(rng, 3.45, 0));
        w = step.watch();
        alerts +=
            (int)
                step.detections().stream()
                    .filter(d -> d.kind() == WarningDetection.Kind.INDEX_DROP)
                    .count();
      }
    }
    // Each fall is found (≥ 1 per run); a second alarm within 60 answers is a false alarm at the
    // new level (ARL0 ≈ 550, after a 30-answer warm-up): about 0.05 per run.
    assertThat((double) alerts / runs).isBetween(1.0, 1.15);
  }
}
