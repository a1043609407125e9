package io.pulse.simulator;

/** One of the seven rated parameters of the Customer Service Index, with its answer scale. */
public enum Parameter {
  CONSULTATION(1, 5),
  COMMUNICATION(1, 5),
  VISIT(1, 5),
  RECOMMEND(0, 10),
  SPEED(1, 5),
  CAR(1, 5),
  RETURN(1, 5);

  private final int min;
  private final int max;

  Parameter(int min, int max) {
    this.min = min;
    this.max = max;
  }

  /** Lowest valid answer. */
  public int min() {
    return min;
  }

  /** Highest valid answer. */
  public int max() {
    return max;
  }

  /** Whether {@code value} is a valid answer on this parameter's scale. */
  public boolean accepts(int value) {
    return value >= min && value <= max;
  }

  /** The answer on the common 0–100 scale of the methodology. */
  public double normalise(int value) {
    return (value - min) * 100.0 / (max - min);
  }
}
