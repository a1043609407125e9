package io.pulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.api.Dealer;
import io.pulse.api.FeedbackEvent;
import io.pulse.api.Parameter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The personalities show in the numbers the backend will compute from their events. */
class PersonalityTests {

  private static final SimulatedNetwork NETWORK = NetworkGenerator.generate(42);
  private static final Instant NOW = Instant.parse("2026-11-23T07:15:30Z");
  private static final FeedbackGenerator GENERATOR = FeedbackGenerator.trendingUntil(NETWORK, NOW);
  private static final int EVENTS = 5_000;

  @Test
  void excellentDealersAreRecommendedClearlyMoreThanAverageOnes() {
    double excellent = meanAnswer(eventsOf(Personality.EXCELLENT), Parameter.RECOMMEND);
    double average = meanAnswer(eventsOf(Personality.AVERAGE), Parameter.RECOMMEND);

    assertThat(average).isBetween(7.0, 8.8);
    assertThat(excellent).isGreaterThan(average + 1.0);
  }

  @Test
  void averageDealersAnswerMostlySevenToNineWithSomeDetractors() {
    List<Integer> recommend = answers(eventsOf(Personality.AVERAGE), Parameter.RECOMMEND);
    List<Integer> visit = answers(eventsOf(Personality.AVERAGE), Parameter.VISIT);

    double sevenToNine = share(recommend, v -> v >= 7 && v <= 9);
    double detractors = share(recommend, v -> v <= 6);
    double threeToFive = share(visit, v -> v >= 3);

    assertThat(sevenToNine).isGreaterThan(0.5);
    assertThat(detractors).isBetween(0.05, 0.3);
    assertThat(threeToFive).isGreaterThan(0.85);
  }

  @Test
  void dealersWeakOnSpeedScoreSpeedClearlyBelowTheirOtherParameters() {
    List<Dealer> weakOnSpeed =
        NETWORK.dealersWeakOn(Parameter.SPEED).stream()
            .filter(d -> NETWORK.profileOf(d.id()).weakParameters().size() == 1)
            .toList();
    List<FeedbackEvent> events = eventsOf(weakOnSpeed);

    double speed = meanNormalised(events, p -> p == Parameter.SPEED);
    double others = meanNormalised(events, p -> p != Parameter.SPEED);
    double averageSpeed = meanNormalised(eventsOf(Personality.AVERAGE), p -> p == Parameter.SPEED);

    assertThat(speed).isLessThan(others - 20);
    assertThat(speed).isLessThan(averageSpeed - 20);
  }

  @Test
  void gamingDealersGiveFarMorePerfectAndRepeatedAnswers() {
    List<FeedbackEvent> gaming = eventsOf(Personality.GAMING);
    List<FeedbackEvent> average = eventsOf(Personality.AVERAGE);

    double gamingPerfect = share(gaming, Answers::arePerfect);
    double averagePerfect = share(average, Answers::arePerfect);

    assertThat(gamingPerfect).isGreaterThan(0.35);
    assertThat(gamingPerfect).isGreaterThan(5 * averagePerfect);
    // Straight-lined: a perfect gaming answer rates everything the survey asked, all at the top.
    double gamingStraightLined =
        share(gaming, e -> Answers.arePerfect(e) && e.scores().keySet().equals(asked(e)));
    double averageStraightLined =
        share(average, e -> Answers.arePerfect(e) && e.scores().keySet().equals(asked(e)));
    assertThat(gamingStraightLined).isGreaterThan(5 * averageStraightLined);
    List<FeedbackEvent> oneGamingDealer =
        eventsOf(List.of(NETWORK.firstDealerWith(Personality.GAMING)));
    List<FeedbackEvent> oneAverageDealer =
        eventsOf(List.of(NETWORK.firstDealerWith(Personality.AVERAGE)));
    assertThat(maxRepeatsOfOneCustomer(oneGamingDealer)).isGreaterThan(EVENTS / 20);
    assertThat(maxRepeatsOfOneCustomer(oneAverageDealer)).isLessThanOrEqualTo(2);
  }

  @Test
  void lowEngagementDealersSendASmallShareOfTheEvents() {
    DealerTraffic traffic = new DealerTraffic(NETWORK);
    SplittableRandom rng = new SplittableRandom(11);
    int lowEngagement = 0;
    int draws = 50_000;
    for (int i = 0; i < draws; i++) {
      Dealer dealer = traffic.pick(rng, NOW.plusSeconds(i));
      if (NETWORK.personalityOf(dealer.id()) == Personality.LOW_ENGAGEMENT) {
        lowEngagement++;
      }
    }
    double dealerShare = NETWORK.dealersWith(Personality.LOW_ENGAGEMENT).size() / 10_000.0;
    double eventShare = (double) lowEngagement / draws;

    assertThat(dealerShare).isGreaterThan(0.06);
    assertThat(eventShare).isLessThan(dealerShare / 10);
  }

  private static Set<Parameter> asked(FeedbackEvent event) {
    return StageSurvey.after(event.stage()).askedParameters();
  }

  private static List<FeedbackEvent> eventsOf(Personality personality) {
    return eventsOf(NETWORK.dealersWith(personality));
  }

  private static List<FeedbackEvent> eventsOf(List<Dealer> dealers) {
    SplittableRandom rng = new SplittableRandom(dealers.size());
    List<FeedbackEvent> events = new ArrayList<>(EVENTS);
    for (int i = 0; i < EVENTS; i++) {
      Dealer dealer = dealers.get(rng.nextInt(dealers.size()));
      // Spread over four hours so GAMING dealers are seen in and out of their bursts.
      events.add(GENERATOR.next(dealer, rng, NOW.minusSeconds(rng.nextInt(4 * 3600))));
    }
    return events;
  }

  private static List<Integer> answers(List<FeedbackEvent> events, Parameter parameter) {
    return events.stream()
        .filter(e -> e.scores().containsKey(parameter))
        .map(e -> e.scores().get(parameter))
        .toList();
  }

  private static double meanAnswer(List<FeedbackEvent> events, Parameter parameter) {
    return answers(events, parameter).stream().mapToInt(Integer::intValue).average().orElseThrow();
  }

  private static double meanNormalised(List<FeedbackEvent> events, Predicate<Parameter> which) {
    return events.stream()
        .flatMap(e -> e.scores().entrySet().stream())
        .filter(s -> which.test(s.getKey()))
        .mapToDouble(s -> s.getKey().normalise(s.getValue()))
        .average()
        .orElseThrow();
  }

  private static <T> double share(List<T> items, Predicate<T> test) {
    return (double) items.stream().filter(test).count() / items.size();
  }

  private static long maxRepeatsOfOneCustomer(List<FeedbackEvent> events) {
    Map<String, Long> perCustomer =
        events.stream()
            .filter(e -> e.customerRef() != null)
            .collect(Collectors.groupingBy(FeedbackEvent::customerRef, Collectors.counting()));
    return perCustomer.values().stream().mapToLong(Long::longValue).max().orElse(0);
  }
}
