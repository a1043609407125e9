package io.pulse.simulator;

/** How the customer's answers reached the carmaker. */
public enum Channel {
  SMS(30),
  CALL(15),
  WEB(20),
  APP(20),
  EMAIL(15);

  private final int weight;

  Channel(int weight) {
    this.weight = weight;
  }

  /** Relative frequency of this channel. */
  public int weight() {
    return weight;
  }
}
