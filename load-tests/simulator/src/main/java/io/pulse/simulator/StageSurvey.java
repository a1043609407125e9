package io.pulse.simulator;

import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The survey after a journey stage, as the simulation has it: how often the stage comes up among
 * all feedback events and which parameters its survey asks about. The stages themselves are the
 * API's {@link JourneyStage}; these facts belong to the simulation only.
 *
 * @param weight relative frequency of the stage among all feedback events
 * @param askedParameters the parameters the survey after the stage asks about, in parameter order
 */
public record StageSurvey(int weight, Set<Parameter> askedParameters) {

  private static final Map<JourneyStage, StageSurvey> SURVEYS = surveys();
  private static final JourneyStage[] STAGES = JourneyStage.values();
  private static final double[] CUMULATIVE = cumulativeWeights();

  /** Keeps the asked parameters in parameter order and immutable. */
  public StageSurvey {
    if (askedParameters.isEmpty()) {
      throw new IllegalArgumentException("a survey asks about at least one parameter");
    }
    askedParameters = Collections.unmodifiableSet(EnumSet.copyOf(askedParameters));
  }

  /** The survey after {@code stage}. */
  public static StageSurvey after(JourneyStage stage) {
    return SURVEYS.get(stage);
  }

  /** A stage drawn with probability proportional to its weight. */
  public static JourneyStage pick(RandomGenerator rng) {
    return STAGES[NetworkGenerator.pick(CUMULATIVE, rng)];
  }

  private static Map<JourneyStage, StageSurvey> surveys() {
    Map<JourneyStage, StageSurvey> surveys = new EnumMap<>(JourneyStage.class);
    // Too early to ask about recommending: the customer has only made contact.
    surveys.put(JourneyStage.FIRST_CONTACT, survey(12, Parameter.COMMUNICATION, Parameter.SPEED));
    surveys.put(
        JourneyStage.CONSULTATION,
        survey(15, Parameter.CONSULTATION, Parameter.COMMUNICATION, Parameter.RECOMMEND));
    surveys.put(
        JourneyStage.TEST_DRIVE,
        survey(
            12,
            Parameter.CONSULTATION,
            Parameter.COMMUNICATION,
            Parameter.VISIT,
            Parameter.RECOMMEND));
    surveys.put(
        JourneyStage.CONTRACT,
        survey(10, Parameter.COMMUNICATION, Parameter.SPEED, Parameter.VISIT, Parameter.RECOMMEND));
    surveys.put(
        JourneyStage.HANDOVER, survey(10, Parameter.CAR, Parameter.SPEED, Parameter.RECOMMEND));
    surveys.put(
        JourneyStage.FOLLOW_UP,
        survey(8, Parameter.COMMUNICATION, Parameter.CAR, Parameter.RETURN, Parameter.RECOMMEND));
    // Service visits outnumber sales touchpoints in a real dealership.
    surveys.put(
        JourneyStage.SERVICE_VISIT,
        survey(33, Parameter.SPEED, Parameter.VISIT, Parameter.RETURN, Parameter.RECOMMEND));
    for (JourneyStage stage : JourneyStage.values()) {
      if (!surveys.containsKey(stage)) {
        throw new IllegalStateException("no simulated survey after the journey stage " + stage);
      }
    }
    return Collections.unmodifiableMap(surveys);
  }

  private static StageSurvey survey(int weight, Parameter first, Parameter... rest) {
    return new StageSurvey(weight, EnumSet.of(first, rest));
  }

  private static double[] cumulativeWeights() {
    double[] weights = new double[STAGES.length];
    for (int i = 0; i < STAGES.length; i++) {
      weights[i] = SURVEYS.get(STAGES[i]).weight();
    }
    return NetworkGenerator.cumulative(weights);
  }
}
