package io.pulse.index;

import io.pulse.api.Parameter;
import io.pulse.index.DealerWatch.Baseline;
import io.pulse.index.DealerWatch.Mean;
import io.pulse.index.DealerWatch.Run;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sequential tests on a dealer's answers, one answer at a time, against the dealer's own baseline
 * (docs/index-methodology.md, "Early warning"):
 *
 * <ul>
 *   <li>a lower CUSUM on the per-answer CSI, standardised by the baseline: {@code INDEX_DROP};
 *   <li>a lower CUSUM on each parameter's answers: {@code WEAK_POINT:<PARAMETER>};
 *   <li>a Bernoulli CUSUM on the detractor indicator: {@code DETRACTORS_RISE}.
 * </ul>
 *
 * A test alarms when its statistic passes its decision interval; it then starts afresh: a new
 * baseline is learnt from the next answers (the warm-up) before the test runs again, so one fall
 * gives one alert, not one per answer, and a false alarm does not leave a biased baseline behind
 * (the run's mean would: it is low by construction, being the answers that pushed the statistic
 * up).
 */
public final class EarlyWarning {

  /** The dealer's tests after one answer, and what they raised. */
  public record Step(DealerWatch watch, List<WarningDetection> detections) {

    public Step {
      detections = List.copyOf(detections);
    }
  }

  private static final double MAX_P0 = 0.9;

  private final EarlyWarningSettings settings;
  private final IndexSettings index;

  public EarlyWarning(EarlyWarningSettings settings, IndexSettings index) {
    this.settings = settings;
    this.index = index;
  }

  /** The per-answer CSI (weighted mean of the answered parameters), or NaN if none weighs. */
  public double answerCsi(Map<Parameter, Integer> scores) {
    double sum = 0;
    double weights = 0;
    for (Map.Entry<Parameter, Integer> e : scores.entrySet()) {
      double w = index.weight(e.getKey());
      sum += w * e.getKey().normalise(e.getValue());
      weights += w;
    }
    return weights > 0 ? sum / weights : Double.NaN;
  }

  /** Advances every test by one answer (its raw scores) of the dealer. */
  public Step advance(DealerWatch watch, Map<Parameter, Integer> scores) {
    List<WarningDetection> detections = new ArrayList<>();

    // Each parameter on its own.
    Map<Parameter, Baseline> parameters = new EnumMap<>(Parameter.class);
    parameters.putAll(watch.parameters());
    Map<Parameter, Run> parameterRuns = new EnumMap<>(Parameter.class);
    parameterRuns.putAll(watch.parameterRuns());
    List<WarningDetection> weakPoints = new ArrayList<>();
    for (Map.Entry<Parameter, Integer> e : scores.entrySet()) {
      Parameter p = e.getKey();
      double x = p.normalise(e.getValue());
      Baseline base = watch.parameter(p);
      Run run = watch.parameterRun(p);
      if (base.n() >= settings.warmup()) {
        run = run.next(lowerIncrement(x, base), x, base.mean());
        if (run.statistic() > settings.parameterH()) {
          weakPoints.add(
              new WarningDetection(
                  WarningDetection.Kind.WEAK_POINT,
                  p,
                  run.start(),
                  run.mean(),
                  run.answers(),
                  List.of()));
          base = Baseline.EMPTY;
          run = Run.EMPTY;
        }
      }
      parameters.put(p, base.add(x, settings.memory()));
      parameterRuns.put(p, run);
    }

    // The CSI of the answer.
    Baseline csi = watch.csi();
    Run csiRun = watch.csiRun();
    Map<Parameter, Mean> parts = watch.csiRunParts();
    double x = answerCsi(scores);
    if (!Double.isNaN(x)) {
      if (csi.n() >= settings.warmup()) {
        csiRun = csiRun.next(lowerIncrement(x, csi), x, csi.mean());
        parts = csiRun.answers() == 0 ? Map.of() : withAnswer(parts, scores, watch);
        if (csiRun.statistic() > settings.csiH()) {
          detections.add(
              new WarningDetection(
                  WarningDetection.Kind.INDEX_DROP,
                  null,
                  csiRun.start(),
                  csiRun.mean(),
                  csiRun.answers(),
                  movedMost(parts)));
          // The parameters' fall is this fall: told once, with the CSI, and the tests of the
          // parameters that moved in the run start afresh like the CSI's.
          weakPoints.clear();
          for (Parameter p : parts.keySet()) {
            Integer v = scores.get(p);
            parameters.put(
                p,
                v == null ? Baseline.EMPTY : Baseline.EMPTY.add(p.normalise(v), settings.memory()));
            parameterRuns.put(p, Run.EMPTY);
          }
          csi = Baseline.EMPTY;
          csiRun = Run.EMPTY;
          parts = Map.of();
        }
      }
      csi = csi.add(x, settings.memory());
    }
    detections.addAll(weakPoints);

    // Detractors, over answers that rate RECOMMEND.
    Baseline detractors = watch.detractors();
    Run detractorRun = watch.detractorRun();
    Integer recommend = scores.get(Parameter.RECOMMEND);
    if (recommend != null) {
      double y = Parameter.RECOMMEND.isLow(recommend) ? 1 : 0;
      if (detractors.n() >= settings.warmup()) {
        // Floored so a dealer without detractors is not alarmed by its first one; capped where
        // tripled odds would no longer be a rise worth telling.
        double p0 = Math.min(Math.max(detractors.mean(), settings.detractorFloor()), MAX_P0);
        double odds1 = settings.detractorOdds() * p0 / (1 - p0);
        double p1 = odds1 / (1 + odds1);
        double increment = y == 1 ? Math.log(p1 / p0) : Math.log((1 - p1) / (1 - p0));
        detractorRun = detractorRun.next(increment, y, detractors.mean());
        if (detractorRun.statistic() > settings.detractorH()) {
          detections.add(
              new WarningDetection(
                  WarningDetection.Kind.DETRACTORS_RISE,
                  null,
                  detractorRun.start(),
                  detractorRun.mean(),
                  detractorRun.answers(),
                  List.of()));
          detractors = Baseline.EMPTY;
          detractorRun = Run.EMPTY;
        }
      }
      detractors = detractors.add(y, settings.memory());
    }

    return new Step(
        new DealerWatch(csi, csiRun, parts, parameters, parameterRuns, detractors, detractorRun),
        detections);
  }

  /**
   * The lower CUSUM's step: −(z + k), z the answer's deviation from the baseline in (floored)
   * standard deviations, clipped to ±zLimit.
   */
  private double lowerIncrement(double x, Baseline base) {
    double z = (x - base.mean()) / base.sd(settings.sdFloor());
    z = Math.max(-settings.zLimit(), Math.min(settings.zLimit(), z));
    return -(z + settings.k());
  }

  private static Map<Parameter, Mean> withAnswer(
      Map<Parameter, Mean> parts, Map<Parameter, Integer> scores, DealerWatch before) {
    Map<Parameter, Mean> next = new HashMap<>(parts);
    scores.forEach((p, v) -> {
      Mean m = next.get(p);
      next.put(
          p,
          m == null
              ? new Mean(1, p.normalise(v), before.parameter(p).mean())
              : new Mean(m.n() + 1, m.sum() + p.normalise(v), m.start()));
    });
    return next;
  }

  /**
   * The parameters that fell most in the run, each against its baseline when the run began: the
   * largest fall, and any other that fell at least half as much (at most three), each with two
   * answers or more in the run.
   */
  private static List<Parameter> movedMost(Map<Parameter, Mean> parts) {
    Map<Parameter, Double> falls = new EnumMap<>(Parameter.class);
    parts.forEach((p, m) -> {
      double fall = m.start() - m.mean();
      if (m.n() >= 2 && fall > 0) {
        falls.put(p, fall);
      }
    });
    double largest = falls.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    return falls.entrySet().stream()
        .filter(e -> e.getValue() >= largest / 2)
        .sorted(Map.Entry.<Parameter, Double>comparingByValue(Comparator.reverseOrder()))
        .limit(3)
        .map(Map.Entry::getKey)
        .toList();
  }
}
