package io.pulse.simulator;

import io.pulse.api.Dealer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Decides which dealer the next event belongs to: busy dealers far more often than quiet ones
 * (Zipf-like activity), LOW_ENGAGEMENT dealers rarely, GAMING dealers many times their usual rate
 * during their bursts. Pure given the random generator and the time.
 */
public final class DealerTraffic {

  /** How much busier a GAMING dealer is during a burst than usual. */
  public static final double BURST_FACTOR = 12;

  private final List<Dealer> dealers;
  private final double[] cumulative;
  private final List<Dealer> gaming;
  private final double[] gamingExtraWeights;
  private final List<DealerProfile> gamingProfiles;
  private volatile BurstState burst = new BurstState(Long.MIN_VALUE, new int[0], new double[0]);

  /** Traffic over all dealers of {@code network}. */
  public DealerTraffic(SimulatedNetwork network) {
    this.dealers = network.dealers();
    double[] weights = new double[dealers.size()];
    this.gaming = new ArrayList<>();
    this.gamingProfiles = new ArrayList<>();
    List<Double> extra = new ArrayList<>();
    for (int i = 0; i < dealers.size(); i++) {
      DealerProfile profile = network.profileOf(dealers.get(i).id());
      weights[i] = profile.activity();
      if (profile.personality() == Personality.GAMING) {
        gaming.add(dealers.get(i));
        gamingProfiles.add(profile);
        extra.add(profile.activity() * (BURST_FACTOR - 1));
      }
    }
    this.cumulative = NetworkGenerator.cumulative(weights);
    this.gamingExtraWeights = extra.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The dealer of the next event at {@code time}. */
  public Dealer pick(RandomGenerator rng, Instant time) {
    BurstState state = burstState(time);
    double baseTotal = cumulative[cumulative.length - 1];
    double burstTotal =
        state.cumulative.length == 0 ? 0 : state.cumulative[state.cumulative.length - 1];
    if (burstTotal > 0 && rng.nextDouble() * (baseTotal + burstTotal) >= baseTotal) {
      return gaming.get(state.dealers[NetworkGenerator.pick(state.cumulative, rng)]);
    }
    return dealers.get(NetworkGenerator.pick(cumulative, rng));
  }

  // Who bursts only changes once a minute: keep the last minute's answer.
  private BurstState burstState(Instant time) {
    long minute = Math.floorDiv(time.getEpochSecond(), 60);
    BurstState state = burst;
    if (state.minute == minute) {
      return state;
    }
    List<Integer> bursting = new ArrayList<>();
    for (int g = 0; g < gaming.size(); g++) {
      if (gamingProfiles.get(g).isBurstingAt(time)) {
        bursting.add(g);
      }
    }
    int[] indices = bursting.stream().mapToInt(Integer::intValue).toArray();
    double[] weights = new double[indices.length];
    for (int i = 0; i < indices.length; i++) {
      weights[i] = gamingExtraWeights[indices[i]];
    }
    state = new BurstState(minute, indices, NetworkGenerator.cumulative(weights));
    burst = state;
    return state;
  }

  private record BurstState(long minute, int[] dealers, double[] cumulative) {}
}
