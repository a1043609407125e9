package io.pulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.api.Dealer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DealerTrafficTests {

  private static final SimulatedNetwork NETWORK = NetworkGenerator.generate(42);
  private static final DealerTraffic TRAFFIC = new DealerTraffic(NETWORK);
  private static final Instant NOW = Instant.parse("2026-11-23T07:15:00Z");

  @Test
  void aFewBusyDealersBringMuchOfTheFeedback() {
    Map<String, Integer> perDealer = new HashMap<>();
    SplittableRandom rng = new SplittableRandom(5);
    int draws = 200_000;
    for (int i = 0; i < draws; i++) {
      perDealer.merge(TRAFFIC.pick(rng, NOW.plusSeconds(i % 600)).id(), 1, Integer::sum);
    }
    List<Integer> busiestFirst =
        perDealer.values().stream().sorted((a, b) -> Integer.compare(b, a)).toList();
    int topTenPercent = busiestFirst.stream().limit(1_000).mapToInt(Integer::intValue).sum();

    assertThat((double) topTenPercent / draws).isGreaterThan(0.4);
    assertThat(busiestFirst.getFirst()).isGreaterThan(10 * draws / 10_000);
  }

  @Test
  void gamingDealersBurstFarAboveTheirUsualRate() {
    Dealer gaming = NETWORK.firstDealerWith(Personality.GAMING);
    DealerProfile profile = NETWORK.profileOf(gaming.id());
    Instant inBurst = NOW;
    while (!profile.isBurstingAt(inBurst)) {
      inBurst = inBurst.plusSeconds(60);
    }
    Instant outOfBurst = inBurst.plusSeconds(60L * DealerProfile.BURST_MINUTES);

    assertThat(profile.isBurstingAt(outOfBurst)).isFalse();
    double during = shareOf(gaming, inBurst);
    double usual = shareOf(gaming, outOfBurst);
    assertThat(during).isGreaterThan(5 * usual);
  }

  @Test
  void onlyGamingDealersBurst() {
    Dealer average = NETWORK.firstDealerWith(Personality.AVERAGE);
    DealerProfile profile = NETWORK.profileOf(average.id());

    for (int minute = 0; minute < DealerProfile.BURST_CYCLE_MINUTES; minute++) {
      assertThat(profile.isBurstingAt(NOW.plusSeconds(60L * minute))).isFalse();
    }
  }

  @Test
  void theSameRandomStateAndTimePickTheSameDealers() {
    SplittableRandom first = new SplittableRandom(3);
    SplittableRandom second = new SplittableRandom(3);

    for (int i = 0; i < 1_000; i++) {
      Instant at = NOW.plusSeconds(37L * i);
      assertThat(TRAFFIC.pick(second, at)).isEqualTo(TRAFFIC.pick(first, at));
    }
  }

  private static double shareOf(Dealer dealer, Instant at) {
    SplittableRandom rng = new SplittableRandom(9);
    int hits = 0;
    int draws = 400_000;
    for (int i = 0; i < draws; i++) {
      if (TRAFFIC.pick(rng, at).equals(dealer)) {
        hits++;
      }
    }
    return (double) hits / draws;
  }
}
