package io.pulse.loadtest.feeders;

import io.pulse.loadtest.config.LoadConfig;
import io.pulse.loadtest.config.Network;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * Picks dealers with a realistic skew: the dealer of rank k receives feedback in proportion to 1/(k
 * + offset)^exponent (Zipf–Mandelbrot), and ranks are shuffled over the dealer ids with a fixed
 * seed, so the busy dealers are spread over the network instead of being D00001, D00002, ….
 * Thread-safe: the caller passes its own random generator.
 */
public final class DealerSkew {

  private final List<String> byRank;
  private final double[] cumulative;

  /** The run's skew ({@code pulse.skew.*}, {@code pulse.seed}) over the network's dealers. */
  public static DealerSkew over(Network network, LoadConfig config) {
    return new DealerSkew(
        network.dealers().stream().map(Network.NetworkDealer::id).toList(),
        config.skew(),
        config.seed());
  }

  /** A skew over {@code dealerIds} (their order does not matter). */
  public DealerSkew(List<String> dealerIds, LoadConfig.Skew skew, long seed) {
    if (dealerIds.isEmpty()) {
      throw new IllegalArgumentException("no dealers");
    }
    List<String> shuffled = new ArrayList<>(dealerIds);
    Collections.shuffle(shuffled, new Random(seed));
    this.byRank = List.copyOf(shuffled);
    this.cumulative = new double[shuffled.size()];
    double total = 0;
    for (int k = 0; k < cumulative.length; k++) {
      total += Math.pow(k + 1 + skew.offset(), -skew.exponent());
      cumulative[k] = total;
    }
    for (int k = 0; k < cumulative.length; k++) {
      cumulative[k] /= total;
    }
  }

  /** The dealer of a new feedback event. */
  public String pick(RandomGenerator random) {
    return byRank.get(rankOf(random.nextDouble()));
  }

  /** The rank (0-based) that a uniform draw {@code u} in [0, 1) falls on. */
  int rankOf(double u) {
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (cumulative[mid] > u) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }

  /** The share of all feedback that the busiest {@code fraction} of dealers receive. */
  public double shareOfTop(double fraction) {
    int n = (int) Math.ceil(fraction * cumulative.length);
    return n == 0 ? 0 : cumulative[Math.min(n, cumulative.length) - 1];
  }

  /** The dealer ids, busiest first. */
  public List<String> byRank() {
    return byRank;
  }
}
