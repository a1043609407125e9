package io.pulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.api.Dealer;
import io.pulse.api.FeedbackEvent;
import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class FeedbackGeneratorTests {

  private static final SimulatedNetwork NETWORK = NetworkGenerator.generate(42, 2_000, 20, 85);
  private static final Instant NOW = Instant.parse("2026-11-23T07:15:30Z");
  private static final FeedbackGenerator GENERATOR = FeedbackGenerator.trendingUntil(NETWORK, NOW);

  @Property(tries = 300)
  void everyEventIsValidForTheApi(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 1_999) int dealerIndex,
      @ForAll @LongRange(min = -86_400 * 60, max = 86_400 * 60) long secondsFromNow) {
    Dealer dealer = NETWORK.dealers().get(dealerIndex);
    Instant now = NOW.plusSeconds(secondsFromNow);

    FeedbackEvent event = GENERATOR.next(dealer, new SplittableRandom(seed), now);

    assertThat(event.dealerId()).isEqualTo(dealer.id());
    assertThat(event.scores()).isNotEmpty();
    assertThat(StageSurvey.after(event.stage()).askedParameters())
        .containsAll(event.scores().keySet());
    event
        .scores()
        .forEach((parameter, value) ->
            assertThat(parameter.accepts(value)).as("%s = %d", parameter, value).isTrue());
    assertThat(event.eventId().version()).isEqualTo(4);
    assertThat(event.eventId().variant()).isEqualTo(2);
    assertThat(UUID.fromString(event.eventId().toString())).isEqualTo(event.eventId());
    Instant occurred = event.occurredAt().toInstant();
    assertThat(occurred).isBeforeOrEqualTo(now);
    assertThat(occurred).isAfter(now.minus(FeedbackGenerator.MAX_DELAY).minusSeconds(1));
    assertThat(event.occurredAt().getNano()).isZero();
    assertThat(event.occurredAt().getOffset())
        .isEqualTo(NETWORK.zoneOf(dealer).getRules().getOffset(occurred));
    if (event.comment() != null) {
      assertThat(event.comment()).isNotBlank().hasSizeLessThan(500);
    }
    if (event.customerRef() != null) {
      assertThat(event.customerRef()).matches("[0-9a-f]{32}");
    }
  }

  @Test
  void theSameRandomStateGivesTheSameEvent() {
    Dealer dealer = NETWORK.dealers().get(17);

    FeedbackEvent first = GENERATOR.next(dealer, new SplittableRandom(99), NOW);
    FeedbackEvent second = GENERATOR.next(dealer, new SplittableRandom(99), NOW);

    assertThat(second).isEqualTo(first);
  }

  @Test
  void atUsesTheGivenTimeInTheDealersOffset() {
    Dealer vladivostok =
        NETWORK.dealers().stream()
            .filter(d -> d.timeZone().equals("Asia/Vladivostok"))
            .findFirst()
            .orElseThrow();

    FeedbackEvent event =
        GENERATOR.at(
            vladivostok, new SplittableRandom(1), Instant.parse("2026-11-23T07:15:30.750Z"));

    assertThat(event.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-23T17:15:30+10:00"));
  }

  @Test
  void parametersAskedDependOnTheStage() {
    assertThat(StageSurvey.after(JourneyStage.TEST_DRIVE).askedParameters())
        .containsExactlyInAnyOrder(
            Parameter.CONSULTATION, Parameter.COMMUNICATION, Parameter.VISIT, Parameter.RECOMMEND);
    assertThat(StageSurvey.after(JourneyStage.HANDOVER).askedParameters())
        .containsExactlyInAnyOrder(Parameter.CAR, Parameter.SPEED, Parameter.RECOMMEND);
    assertThat(StageSurvey.after(JourneyStage.SERVICE_VISIT).askedParameters())
        .containsExactlyInAnyOrder(
            Parameter.SPEED, Parameter.VISIT, Parameter.RETURN, Parameter.RECOMMEND);

    Map<JourneyStage, Integer> seen = new EnumMap<>(JourneyStage.class);
    int withRecommend = 0;
    List<FeedbackEvent> events = events(5_000, 3);
    for (FeedbackEvent event : events) {
      seen.merge(event.stage(), 1, Integer::sum);
      assertThat(StageSurvey.after(event.stage()).askedParameters())
          .containsAll(event.scores().keySet());
      if (event.scores().containsKey(Parameter.RECOMMEND)) {
        withRecommend++;
      }
    }
    assertThat(seen).containsOnlyKeys(JourneyStage.values());
    assertThat(seen.get(JourneyStage.SERVICE_VISIT))
        .isGreaterThan(seen.get(JourneyStage.FOLLOW_UP));
    assertThat(withRecommend).isGreaterThan(events.size() * 7 / 10);
  }

  @Test
  void aboutAThirdOfEventsCarryAComment() {
    List<FeedbackEvent> events = events(5_000, 5);

    long withComment = events.stream().filter(e -> e.comment() != null).count();
    long cyrillic =
        events.stream()
            .filter(e -> e.comment() != null && e.comment().matches("(?s).*[а-яА-Я].*"))
            .count();

    assertThat(withComment).isBetween(events.size() / 5L, events.size() * 2 / 5L);
    assertThat(cyrillic).isGreaterThan(withComment / 3).isLessThan(withComment);
    assertThat(CommentCatalog.hostile()).anyMatch(text -> text.contains("<script>"));
  }

  @Test
  void improvingDealersGetBetterAndDecliningDealersWorseOverTheTrend() {
    Duration span = Duration.ofDays(30);
    FeedbackGenerator generator = new FeedbackGenerator(NETWORK, NOW.minus(span), span);
    DealerProfile improving =
        NETWORK.profileOf(NETWORK.firstDealerWith(Personality.IMPROVING).id());
    DealerProfile declining =
        NETWORK.profileOf(NETWORK.firstDealerWith(Personality.DECLINING).id());

    assertThat(generator.trendProgress(NOW.minus(span))).isZero();
    assertThat(generator.trendProgress(NOW.minus(Duration.ofDays(15)))).isEqualTo(0.5);
    assertThat(generator.trendProgress(NOW.plusSeconds(60))).isEqualTo(1.0);
    assertThat(FeedbackGenerator.expectedQuality(improving, Parameter.VISIT, 1))
        .isGreaterThan(FeedbackGenerator.expectedQuality(improving, Parameter.VISIT, 0) + 0.3);
    assertThat(FeedbackGenerator.expectedQuality(declining, Parameter.VISIT, 1))
        .isLessThan(FeedbackGenerator.expectedQuality(declining, Parameter.VISIT, 0) - 0.3);
  }

  private static List<FeedbackEvent> events(int count, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<FeedbackEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Dealer dealer = NETWORK.dealers().get(rng.nextInt(NETWORK.dealers().size()));
      events.add(GENERATOR.next(dealer, rng, NOW));
    }
    return events;
  }
}
