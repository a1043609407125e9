package io.pulse.index;

/**
 * Parameters of the early-warning detectors (docs/index-methodology.md, "Early warning"), with the
 * defaults whose run lengths are documented there and checked by simulation.
 *
 * @param warmup answers a baseline needs before it is tested against
 * @param memory how many answers the baseline remembers (weight 1/memory once it is full)
 * @param sdFloor least standard deviation, in points, a CSI or parameter baseline is scaled by, so
 *     that a dealer with nothing but perfect answers is not alarmed by its first 4
 * @param zLimit each answer's standardised deviation is clipped to ±zLimit, so one furious answer
 *     cannot raise an alarm alone (that is what a detractor alert is for)
 * @param k reference value of the CSI and parameter tests, in standard deviations: half the shift
 *     they are tuned to detect (k = 0.5: a fall of one standard deviation)
 * @param csiH decision interval of the CSI test, in standard deviations
 * @param parameterH decision interval of each parameter's test (higher: seven run side by side)
 * @param detractorOdds shift the detractor test is tuned to: the odds of a detractor multiplied by
 *     this
 * @param detractorFloor least baseline detractor share the detractor test assumes
 * @param detractorH decision interval of the detractor test (a log-likelihood ratio)
 */
public record EarlyWarningSettings(
    int warmup,
    int memory,
    double sdFloor,
    double zLimit,
    double k,
    double csiH,
    double parameterH,
    double detractorOdds,
    double detractorFloor,
    double detractorH) {

  public EarlyWarningSettings {
    if (warmup < 2 || memory < warmup) {
      throw new IllegalArgumentException("need 2 <= warmup <= memory");
    }
    if (!(sdFloor > 0 && zLimit > 0 && k >= 0 && csiH > 0 && parameterH > 0 && detractorH > 0)) {
      throw new IllegalArgumentException("sdFloor, zLimit, h must be positive and k >= 0");
    }
    if (!(detractorOdds > 1 && detractorFloor > 0 && detractorFloor < 1)) {
      throw new IllegalArgumentException("detractorOdds must be > 1, detractorFloor in (0, 1)");
    }
  }

  /** The documented defaults. */
  public static EarlyWarningSettings defaults() {
    return new EarlyWarningSettings(30, 200, 10, 3, 0.5, 5, 7, 3, 0.05, 4);
  }
}
