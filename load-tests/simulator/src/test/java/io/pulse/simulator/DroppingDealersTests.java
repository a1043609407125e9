package io.pulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.api.FeedbackEvent;
import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DroppingDealersTests {

  private static final SimulatedNetwork NETWORK = NetworkGenerator.generate(42, 20, 2, 3);
  private static final Instant START = Instant.parse("2026-11-23T07:00:00Z");
  private static final FeedbackGenerator GENERATOR =
      FeedbackGenerator.trendingUntil(NETWORK, START);

  private static DroppingDealers dropping(List<String> ids) {
    return new DroppingDealers(
        NETWORK, ids, START, Duration.ofMinutes(5), 2, Duration.ofMinutes(10));
  }

  @Test
  void answersGetAStepWorseAndRecommendThreeClampedToTheScale() {
    FeedbackEvent e =
        new FeedbackEvent(
            UUID.randomUUID(),
            "D00002",
            JourneyStage.HANDOVER,
            OffsetDateTime.parse("2026-11-23T10:00:00+03:00"),
            Map.of(
                Parameter.SPEED, 5, Parameter.VISIT, 2, Parameter.RECOMMEND, 9, Parameter.CAR, 1),
            "fine",
            null,
            null);
    FeedbackEvent worse = DroppingDealers.worse(e);
    assertThat(worse.scores())
        .containsEntry(Parameter.SPEED, 4)
        .containsEntry(Parameter.VISIT, 1)
        .containsEntry(Parameter.RECOMMEND, 6)
        .containsEntry(Parameter.CAR, 1);
    assertThat(worse.eventId()).isEqualTo(e.eventId());
  }

  @Test
  void onlyTheListedDealersFallAndOnlyAfterTheDropStarts() {
    DroppingDealers d = dropping(List.of("D00002", "D99999"));
    assertThat(d.dealers()).extracting(x -> x.id()).containsExactly("D00002");
    SplittableRandom rng = new SplittableRandom(1);
    FeedbackEvent mine = GENERATOR.next(NETWORK.dealer("D00002"), rng, START);
    FeedbackEvent other = GENERATOR.next(NETWORK.dealer("D00003"), rng, START);
    Instant before = START.plus(Duration.ofMinutes(4));
    Instant after = START.plus(Duration.ofMinutes(6));
    assertThat(d.apply(mine, before)).isSameAs(mine);
    assertThat(d.apply(other, after)).isSameAs(other);
    assertThat(d.apply(mine, after).scores()).isEqualTo(DroppingDealers.worse(mine).scores());
    // Two extra answers a minute from the live start: 8 by minute 4, as they are; then worse.
    List<FeedbackEvent> early = d.due(GENERATOR, rng, before);
    assertThat(early).hasSize(8).allMatch(x -> x.dealerId().equals("D00002"));
    List<FeedbackEvent> late = d.due(GENERATOR, rng, after);
    assertThat(late).hasSize(4);
    assertThat(late.stream().filter(x -> x.scores().containsKey(Parameter.RECOMMEND)))
        .allMatch(x -> x.scores().get(Parameter.RECOMMEND) <= 7);
  }

  @Test
  void noDealersMeansNoDemoFall() {
    DroppingDealers d = dropping(List.of());
    assertThat(d.falling(START.plus(Duration.ofHours(1)))).isFalse();
    assertThat(d.due(GENERATOR, new SplittableRandom(1), START.plus(Duration.ofHours(1))))
        .isEmpty();
  }
}
