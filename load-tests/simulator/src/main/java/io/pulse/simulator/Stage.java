package io.pulse.simulator;

import io.pulse.api.Parameter;
import java.util.EnumSet;
import java.util.Set;

/** A touchpoint of the customer journey, with the parameters a survey after it asks about. */
public enum Stage {
  // Too early to ask about recommending: the customer has only made contact.
  FIRST_CONTACT(12, Parameter.COMMUNICATION, Parameter.SPEED),
  CONSULTATION(15, Parameter.CONSULTATION, Parameter.COMMUNICATION, Parameter.RECOMMEND),
  TEST_DRIVE(
      12, Parameter.CONSULTATION, Parameter.COMMUNICATION, Parameter.VISIT, Parameter.RECOMMEND),
  CONTRACT(10, Parameter.COMMUNICATION, Parameter.SPEED, Parameter.VISIT, Parameter.RECOMMEND),
  HANDOVER(10, Parameter.CAR, Parameter.SPEED, Parameter.RECOMMEND),
  FOLLOW_UP(8, Parameter.COMMUNICATION, Parameter.CAR, Parameter.RETURN, Parameter.RECOMMEND),
  // Service visits outnumber sales touchpoints in a real dealership.
  SERVICE_VISIT(33, Parameter.SPEED, Parameter.VISIT, Parameter.RETURN, Parameter.RECOMMEND);

  private final int weight;
  private final Set<Parameter> asked;

  Stage(int weight, Parameter first, Parameter... rest) {
    this.weight = weight;
    this.asked = EnumSet.of(first, rest);
  }

  /** Relative frequency of this stage among all feedback events. */
  public int weight() {
    return weight;
  }

  /** The parameters the survey after this stage asks about. */
  public Set<Parameter> askedParameters() {
    return EnumSet.copyOf(asked);
  }
}
