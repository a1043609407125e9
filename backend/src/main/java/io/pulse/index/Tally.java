package io.pulse.index;

import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * The counts behind every number of one scope and window: responses, and per parameter how many
 * answers gave each value of its scale (a histogram).
 *
 * <p>A histogram is a sufficient statistic: count, sum and sum of squares of the normalised scores
 * follow from it exactly, and so do promoters, detractors and perfect-score shares. Keeping it
 * costs one counter increment per rated parameter instead of three. Tallies merge by addition,
 * which is what makes sliding windows and roll-ups exact.
 *
 * <p>Beside the histograms it keeps each event's <em>composite</em>: the plain mean of the event's
 * normalised answers, in tenths of a point (rounded), as a count, sum and sum of squares. Answers
 * of one event are correlated (a happy customer rates everything high), which the per-parameter
 * histograms cannot show; the spread of the composites can, and the CSI's interval needs it (see
 * {@link CsiInterval}).
 */
public final class Tally {

  private static final Tally EMPTY = new Builder().build();

  private final long responses;
  private final long perfect;
  private final long straightLined;
  private final long[][] histograms;
  private final long[] stageResponses;
  private final Composites composites;

  private Tally(
      long responses,
      long perfect,
      long straightLined,
      long[][] histograms,
      long[] stages,
      Composites composites) {
    this.responses = responses;
    this.perfect = perfect;
    this.straightLined = straightLined;
    this.histograms = histograms;
    this.stageResponses = stages;
    this.composites = composites;
  }

  /**
   * The events' composites: how many, their sum and sum of squares, in tenths of a point (an event
   * of composite 72.5 adds 725 and 525,625).
   */
  public record Composites(long count, long sumTenths, long sumOfSquaresTenths) {

    Composites plus(Composites o, int sign) {
      return new Composites(
          count + sign * o.count,
          sumTenths + sign * o.sumTenths,
          sumOfSquaresTenths + sign * o.sumOfSquaresTenths);
    }
  }

  /**
   * One event's composite in tenths of a point: the plain mean of its normalised answers, rounded
   * half up (a tenth of a point is far below any difference the index can show).
   */
  public static long compositeTenths(Map<Parameter, Integer> scores) {
    if (scores.isEmpty()) {
      throw new IllegalArgumentException("an answer rates at least one parameter");
    }
    long sum = 0;
    for (Map.Entry<Parameter, Integer> e : scores.entrySet()) {
      sum += e.getKey().normalise(e.getValue());
    }
    // round(10·sum/k) in integers: (20·sum + k) / (2k)
    return (20 * sum + scores.size()) / (2L * scores.size());
  }

  /** The events' composites (count, sum, sum of squares in tenths). */
  public Composites composites() {
    return composites;
  }

  public static Tally empty() {
    return EMPTY;
  }

  /** The tally of a single answer. */
  public static Tally ofAnswer(JourneyStage stage, Map<Parameter, Integer> scores) {
    return builder().addAnswer(stage, scores).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public long responses() {
    return responses;
  }

  /** Answers where every rated parameter got the top of its scale (at least two rated). */
  public long perfect() {
    return perfect;
  }

  /** Answers rating at least three 1–5 parameters, all with the same value. */
  public long straightLined() {
    return straightLined;
  }

  /** How many answers gave {@code value} to {@code parameter}. */
  public long count(Parameter parameter, int value) {
    if (!parameter.accepts(value)) {
      return 0;
    }
    return histograms[parameter.ordinal()][value - parameter.min()];
  }

  public long answers(Parameter parameter) {
    long n = 0;
    for (long c : histograms[parameter.ordinal()]) {
      n += c;
    }
    return n;
  }

  /** Sum of normalised (0–100) scores of {@code parameter}. */
  public long sum(Parameter parameter) {
    long sum = 0;
    for (int v = parameter.min(); v <= parameter.max(); v++) {
      sum += count(parameter, v) * parameter.normalise(v);
    }
    return sum;
  }

  /** Sum of squared normalised scores of {@code parameter}. */
  public long sumOfSquares(Parameter parameter) {
    long sum = 0;
    for (int v = parameter.min(); v <= parameter.max(); v++) {
      long s = parameter.normalise(v);
      sum += count(parameter, v) * s * s;
    }
    return sum;
  }

  public long stageResponses(JourneyStage stage) {
    return stageResponses[stage.ordinal()];
  }

  public boolean isEmpty() {
    return equals(EMPTY);
  }

  public Tally plus(Tally other) {
    return combine(other, 1);
  }

  public Tally minus(Tally other) {
    return combine(other, -1);
  }

  private Tally combine(Tally other, int sign) {
    long[][] h = new long[histograms.length][];
    for (int p = 0; p < h.length; p++) {
      h[p] = new long[histograms[p].length];
      for (int v = 0; v < h[p].length; v++) {
        h[p][v] = histograms[p][v] + sign * other.histograms[p][v];
      }
    }
    long[] st = new long[stageResponses.length];
    for (int s = 0; s < st.length; s++) {
      st[s] = stageResponses[s] + sign * other.stageResponses[s];
    }
    return new Tally(
        responses + sign * other.responses,
        perfect + sign * other.perfect,
        straightLined + sign * other.straightLined,
        h,
        st,
        composites.plus(other.composites, sign));
  }

  /** Every rated parameter at the top of its scale, with at least two rated. */
  public static boolean isPerfect(Map<Parameter, Integer> scores) {
    if (scores.size() < 2) {
      return false;
    }
    for (Map.Entry<Parameter, Integer> e : scores.entrySet()) {
      if (e.getValue() != e.getKey().max()) {
        return false;
      }
    }
    return true;
  }

  /** At least three 1–5 parameters rated, all with the same value. */
  public static boolean isStraightLined(Map<Parameter, Integer> scores) {
    int rated = 0;
    int first = -1;
    for (Map.Entry<Parameter, Integer> e : scores.entrySet()) {
      if (e.getKey() == Parameter.RECOMMEND) {
        continue;
      }
      rated++;
      if (first < 0) {
        first = e.getValue();
      } else if (first != e.getValue()) {
        return false;
      }
    }
    return rated >= 3;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tally t
        && responses == t.responses
        && perfect == t.perfect
        && straightLined == t.straightLined
        && Arrays.deepEquals(histograms, t.histograms)
        && Arrays.equals(stageResponses, t.stageResponses)
        && composites.equals(t.composites);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.deepHashCode(histograms) + Long.hashCode(responses);
  }

  @Override
  public String toString() {
    Map<Parameter, String> h = new EnumMap<>(Parameter.class);
    for (Parameter p : Parameter.values()) {
      if (answers(p) > 0) {
        h.put(p, Arrays.toString(histograms[p.ordinal()]));
      }
    }
    return "Tally[responses=%d, perfect=%d, straightLined=%d, %s, %s]"
        .formatted(responses, perfect, straightLined, h, composites);
  }

  /** Accumulates answers and raw counters into a {@link Tally}. */
  public static final class Builder {
    private long responses;
    private long perfect;
    private long straightLined;
    private final long[][] histograms = new long[Parameter.values().length][];
    private long[] stageResponses = new long[JourneyStage.values().length];
    private long composites;
    private long compositeSum;
    private long compositeSquares;

    private Builder() {
      for (Parameter p : Parameter.values()) {
        histograms[p.ordinal()] = new long[p.levels()];
      }
    }

    /** Adds one feedback answer; the scores must already be valid for their scales. */
    public Builder addAnswer(JourneyStage stage, Map<Parameter, Integer> scores) {
      responses++;
      stageResponses[stage.ordinal()]++;
      for (Map.Entry<Parameter, Integer> e : scores.entrySet()) {
        Parameter p = e.getKey();
        int v = e.getValue();
        p.normalise(v); // rejects values off the scale
        histograms[p.ordinal()][v - p.min()]++;
      }
      if (isPerfect(scores)) {
        perfect++;
      }
      if (isStraightLined(scores)) {
        straightLined++;
      }
      long c = compositeTenths(scores);
      composites++;
      compositeSum += c;
      compositeSquares += c * c;
      return this;
    }

    /** Adds composites already summed (count, sum and sum of squares in tenths). */
    public Builder composites(long count, long sumTenths, long sumOfSquaresTenths) {
      composites += count;
      compositeSum += sumTenths;
      compositeSquares += sumOfSquaresTenths;
      return this;
    }

    public Builder responses(long n) {
      responses += n;
      return this;
    }

    public Builder perfect(long n) {
      perfect += n;
      return this;
    }

    public Builder straightLined(long n) {
      straightLined += n;
      return this;
    }

    public Builder count(Parameter p, int value, long n) {
      if (!p.accepts(value)) {
        throw new IllegalArgumentException(p + " has no value " + value);
      }
      histograms[p.ordinal()][value - p.min()] += n;
      return this;
    }

    public Builder stageResponses(JourneyStage stage, long n) {
      stageResponses[stage.ordinal()] += n;
      return this;
    }

    public Tally build() {
      long[][] h = new long[histograms.length][];
      for (int p = 0; p < h.length; p++) {
        h[p] = histograms[p].clone();
      }
      return new Tally(
          responses,
          perfect,
          straightLined,
          h,
          stageResponses.clone(),
          new Composites(composites, compositeSum, compositeSquares));
    }
  }
}
