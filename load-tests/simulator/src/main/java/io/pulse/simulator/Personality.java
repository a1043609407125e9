package io.pulse.simulator;

/** How a simulated dealer behaves: the pattern its feedback follows. */
public enum Personality {
  /** Consistently high scores on every parameter: a benchmark dealer. */
  EXCELLENT(15),
  /** Typical scores: RECOMMEND mostly 7–9 with some detractors, 1–5 answers mostly 3–5. */
  AVERAGE(45),
  /** Typical scores except one or two parameters that are clearly weak (often SPEED). */
  WEAK_ON(15),
  /** Scores rise over simulated time. */
  IMPROVING(7),
  /** Scores fall over simulated time. */
  DECLINING(7),
  /** Typical scores but very few events: a manager who does not collect feedback. */
  LOW_ENGAGEMENT(8),
  /** Bursts of perfect, straight-lined answers, often from the same customer. */
  GAMING(3);

  private final int sharePercent;

  Personality(int sharePercent) {
    this.sharePercent = sharePercent;
  }

  /** Share of the network's dealers with this personality, in percent; all add up to 100. */
  public int sharePercent() {
    return sharePercent;
  }
}
