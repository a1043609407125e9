package io.pulse.index;

import org.jspecify.annotations.Nullable;

/**
 * How a scope's CSI and NPS changed from one period to the next, and whether the change is larger
 * than chance.
 *
 * <p>The two periods are independent samples, so the standard error of a difference is √(se₁² +
 * se₂²), with each period's se the one its interval is built from ({@link CsiInterval} for the CSI;
 * the adjusted-Wald margin / 1.96 for the NPS). A change is significant when it is more than 1.96
 * of those (two-sided, 5 %) and both periods have at least {@link #MIN_RESPONSES} responses; with
 * fewer, or no standard error, significance is unknown (null).
 *
 * @param csiChange current CSI minus previous CSI; null unless both exist
 * @param csiSignificant null when it cannot be judged
 * @param npsChange current NPS minus previous NPS; null unless both exist
 * @param npsSignificant null when it cannot be judged
 */
public record PeriodChange(
    @Nullable Double csiChange,
    @Nullable Boolean csiSignificant,
    @Nullable Double npsChange,
    @Nullable Boolean npsSignificant) {

  /** Fewer responses than this in either period: no verdict (as for parameter tests). */
  public static final int MIN_RESPONSES = 10;

  public static PeriodChange between(IndexFigures current, IndexFigures previous) {
    boolean enough = current.responses() >= MIN_RESPONSES && previous.responses() >= MIN_RESPONSES;
    Double csiChange = difference(current.csi(), previous.csi());
    Boolean csiSignificant =
        significant(
            csiChange,
            current.csiInterval().standardError(),
            previous.csiInterval().standardError(),
            enough);
    Double npsChange = difference(current.nps().score(), previous.nps().score());
    Boolean npsSignificant =
        significant(
            npsChange,
            standardError(current.nps().marginOfError()),
            standardError(previous.nps().marginOfError()),
            enough);
    return new PeriodChange(csiChange, csiSignificant, npsChange, npsSignificant);
  }

  /** Whether |Δ| > 1.96·√(se₁² + se₂²); null when it cannot be judged. */
  public static @Nullable Boolean significant(
      @Nullable Double change, @Nullable Double se1, @Nullable Double se2, boolean enough) {
    if (change == null || se1 == null || se2 == null || !enough) {
      return null;
    }
    double se = Math.sqrt(se1 * se1 + se2 * se2);
    if (se == 0) {
      return null;
    }
    return Math.abs(change) > IndexCalculator.Z95 * se;
  }

  private static @Nullable Double difference(@Nullable Double a, @Nullable Double b) {
    return a == null || b == null ? null : a - b;
  }

  private static @Nullable Double standardError(@Nullable Double margin) {
    return margin == null ? null : margin / IndexCalculator.Z95;
  }
}
