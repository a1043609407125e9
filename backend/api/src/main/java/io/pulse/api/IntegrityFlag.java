package io.pulse.api;

/**
 * A reason to doubt a dealer's scores ("fake good scores"). A flag informs; it never changes the
 * numbers.
 *
 * @param reason the plain-language evidence, e.g. "63 % perfect answers vs 12 % in the region (70
 *     answers)"
 */
public record IntegrityFlag(Kind kind, String reason, double strength) {

  /** What looks wrong. */
  public enum Kind {
    /** Share of perfect answers far above the region's. */
    PERFECT_SHARE,
    /** Answers with the same value on every 1–5 parameter, far more than the region. */
    STRAIGHT_LINING,
    /** Far more answers in the last hour than the dealer's usual rate. */
    BURST,
    /** The same customer answering many times. */
    REPEATED_CUSTOMER
  }
}
