package io.pulse.loadtest.feeders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pulse.loadtest.config.LoadConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DealerSkewTests {

  private static final List<String> DEALERS =
      IntStream.rangeClosed(1, 10_000).mapToObj(i -> "D%05d".formatted(i)).toList();

  @Test
  void defaultSkewGivesTheBusiestFifthAboutFourFifthsOfTheFeedback() {
    DealerSkew skew = new DealerSkew(DEALERS, new LoadConfig.Skew(1.0, 10), 42);

    assertThat(skew.shareOfTop(0.2)).isCloseTo(0.77, within(0.02));
    assertThat(skew.shareOfTop(1.0 / DEALERS.size())).isCloseTo(0.013, within(0.002));
    assertThat(skew.shareOfTop(1.0)).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void picksFollowTheWeights() {
    DealerSkew skew = new DealerSkew(DEALERS, new LoadConfig.Skew(1.0, 10), 42);
    SplittableRandom random = new SplittableRandom(7);
    Map<String, Integer> counts = new HashMap<>();
    int draws = 200_000;
    for (int i = 0; i < draws; i++) {
      counts.merge(skew.pick(random), 1, Integer::sum);
    }

    String busiest = skew.byRank().getFirst();
    assertThat(counts.get(busiest) / (double) draws).isCloseTo(0.013, within(0.002));
    long topFifth =
        skew.byRank().subList(0, 2_000).stream().mapToLong(d -> counts.getOrDefault(d, 0)).sum();
    assertThat(topFifth / (double) draws).isCloseTo(0.77, within(0.01));
  }

  @Test
  void exponentZeroSpreadsEvenly() {
    DealerSkew skew = new DealerSkew(DEALERS, new LoadConfig.Skew(0, 0), 42);

    assertThat(skew.shareOfTop(0.2)).isCloseTo(0.2, within(1e-9));
  }

  @Test
  void busyDealersAreSpreadOverTheNetworkButTheSameForTheSameSeed() {
    DealerSkew one = new DealerSkew(DEALERS, new LoadConfig.Skew(1.0, 10), 42);
    DealerSkew same = new DealerSkew(DEALERS, new LoadConfig.Skew(1.0, 10), 42);

    assertThat(one.byRank()).isEqualTo(same.byRank()).containsExactlyInAnyOrderElementsOf(DEALERS);
    assertThat(one.byRank().subList(0, 10)).isNotEqualTo(DEALERS.subList(0, 10));
  }

  @Test
  void rankOfFindsTheFirstCumulativeWeightAboveTheDraw() {
    DealerSkew skew = new DealerSkew(List.of("A", "B"), new LoadConfig.Skew(0, 0), 1);

    assertThat(skew.rankOf(0.0)).isZero();
    assertThat(skew.rankOf(0.4999)).isZero();
    assertThat(skew.rankOf(0.5)).isEqualTo(1);
    assertThat(skew.rankOf(0.9999)).isEqualTo(1);
  }
}
