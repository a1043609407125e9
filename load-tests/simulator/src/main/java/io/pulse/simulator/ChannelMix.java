package io.pulse.simulator;

import io.pulse.api.Channel;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * How often each answer channel of the API ({@link Channel}) comes up in the simulation: a fact of
 * the simulated carmaker's survey mix, not of the API.
 */
public final class ChannelMix {

  private static final Map<Channel, Integer> WEIGHTS = weights();
  private static final Channel[] CHANNELS = Channel.values();
  private static final double[] CUMULATIVE = cumulativeWeights();

  private ChannelMix() {}

  /** Relative frequency of {@code channel}. */
  public static int weight(Channel channel) {
    return WEIGHTS.get(channel);
  }

  /** A channel drawn with probability proportional to its weight. */
  public static Channel pick(RandomGenerator rng) {
    return CHANNELS[NetworkGenerator.pick(CUMULATIVE, rng)];
  }

  private static Map<Channel, Integer> weights() {
    Map<Channel, Integer> weights = new EnumMap<>(Channel.class);
    weights.put(Channel.SMS, 30);
    weights.put(Channel.CALL, 15);
    weights.put(Channel.WEB, 20);
    weights.put(Channel.APP, 20);
    weights.put(Channel.EMAIL, 15);
    for (Channel channel : Channel.values()) {
      if (!weights.containsKey(channel)) {
        throw new IllegalStateException("no simulated share of the channel " + channel);
      }
    }
    return Collections.unmodifiableMap(weights);
  }

  private static double[] cumulativeWeights() {
    double[] weights = new double[CHANNELS.length];
    for (int i = 0; i < CHANNELS.length; i++) {
      weights[i] = WEIGHTS.get(CHANNELS[i]);
    }
    return NetworkGenerator.cumulative(weights);
  }
}
