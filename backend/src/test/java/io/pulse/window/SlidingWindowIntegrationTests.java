package io.pulse.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import io.pulse.figures.IndexQueryService;
import io.pulse.index.Tally;
import io.pulse.support.Events;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.TestNetwork;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;

/** Windows slide with time: checked against a brute-force count of every event. */
@IntegrationTest
class SlidingWindowIntegrationTests {

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @Autowired WindowTicker ticker;
  @Autowired IndexQueryService index;
  @Autowired WindowLayout layout;
  @Autowired ScopeChanges changes;
  @Autowired ReactiveStringRedisTemplate redis;
  @Autowired AggregateKeys keys;

  private record Sent(
      String dealer,
      Instant occurredAt,
      Instant sentAt,
      JourneyStage stage,
      Map<Parameter, Integer> scores) {}

  private void post(List<String> events) {
    Events.postNew(client, events);
  }

  /** What a window must hold: events whose bucket of that window's size ends after now − length. */
  private Tally expected(List<Sent> sent, List<String> dealers, WindowSpec w, Instant now) {
    Tally.Builder b = Tally.builder();
    long g = w.bucket().toMillis();
    for (Sent s : sent) {
      if (!dealers.contains(s.dealer())) {
        continue;
      }
      // Events already outside the longest window when they arrived are stored, never counted.
      if (layout.place(s.occurredAt(), s.sentAt()).isEmpty()) {
        continue;
      }
      long end = Math.floorDiv(s.occurredAt().toEpochMilli(), g) * g + g;
      if (end > now.toEpochMilli() - w.length().toMillis()) {
        b.addAnswer(s.stage(), s.scores());
      }
    }
    return b.build();
  }

  @Test
  void randomTrafficOverFiveWeeksMatchesABruteForceCount() {
    TestNetwork network = new TestNetwork(1, 1, 3).load(client);
    List<String> dealers = network.dealerIds();
    Random random = new Random(20261123);
    Instant now = Instant.parse("2026-11-23T10:00:30Z");
    clock.set(now);
    List<Sent> sent = new ArrayList<>();
    for (int step = 0; step < 160; step++) {
      // Steps from seconds to a day and a half, so every bucket size gets crossed many times.
      long advance =
          switch (random.nextInt(4)) {
            case 0 -> 1 + random.nextInt(90);
            case 1 -> 60 + random.nextInt(3600);
            case 2 -> 3600 + random.nextInt(6 * 3600);
            default -> 6 * 3600 + random.nextInt(30 * 3600);
          };
      now = clock.advance(Duration.ofSeconds(advance));
      List<String> batch = new ArrayList<>();
      int n = random.nextInt(6);
      for (int i = 0; i < n; i++) {
        String dealer = dealers.get(random.nextInt(dealers.size()));
        long ageSeconds =
            switch (random.nextInt(6)) {
              case 0 -> -random.nextInt(240); // a little in the future
              case 1 -> random.nextInt(3 * 3600);
              case 2 -> random.nextInt(3 * 86400);
              case 3 -> random.nextInt(40 * 86400); // some beyond 30 days
              default -> random.nextInt(120);
            };
        Instant at = now.minusSeconds(ageSeconds);
        Map<Parameter, Integer> scores = new EnumMap<>(Parameter.class);
        scores.put(Parameter.RECOMMEND, random.nextInt(11));
        if (random.nextBoolean()) {
          scores.put(Parameter.SPEED, 1 + random.nextInt(5));
        }
        Map<String, Integer> named = new HashMap<>();
        scores.forEach((p, v) -> named.put(p.name(), v));
        batch.add(Events.event(UUID.randomUUID(), dealer, "HANDOVER", at, named));
        sent.add(new Sent(dealer, at, now, JourneyStage.HANDOVER, scores));
      }
      if (!batch.isEmpty()) {
        post(batch);
      }
      ticker.tick().block();
      if (step % 8 == 7) {
        for (WindowSpec w : layout.windows()) {
          for (String d : dealers) {
            Tally actual = index.read(new AggregateScope.Dealer(d), w).block().tally(w);
            assertThat(actual)
                .as("%s %s at step %d", d, w.name(), step)
                .isEqualTo(expected(sent, List.of(d), w, now));
          }
          Tally cell =
              index
                  .read(
                      new AggregateScope.Cell(
                          network.brands.getFirst(), network.regions.getFirst()),
                      w)
                  .block()
                  .tally(w);
          assertThat(cell)
              .as("cell %s at step %d", w.name(), step)
              .isEqualTo(expected(sent, dealers, w, now));
        }
      }
    }
    assertThat(sent).hasSizeGreaterThan(200);
  }

  @Test
  void anEventLeavesTheHourWithoutNewTrafficAndWatchersHearOfIt() {
    TestNetwork network = new TestNetwork(1, 1, 1).load(client);
    String d = network.dealer(0);
    Instant now = Instant.parse("2026-11-23T10:00:30Z");
    clock.set(now);
    post(List.of(Events.event(UUID.randomUUID(), d, now, Map.of("RECOMMEND", 10))));
    AggregateScope scope = new AggregateScope.Dealer(d);
    WindowSpec hour = layout.byName("1h").orElseThrow();
    WindowSpec day = layout.byName("24h").orElseThrow();
    assertThat(index.read(scope, hour).block().tally(hour).responses()).isEqualTo(1);

    clock.set(now.plus(Duration.ofMinutes(30)));
    ticker.tick().block();
    assertThat(index.read(scope, hour).block().tally(hour).responses()).isEqualTo(1);

    // The event's minute bucket ends at 10:01; it leaves the hour once that end is an hour ago.
    clock.set(Instant.parse("2026-11-23T11:01:00Z"));
    StepVerifier.create(changes.flux().filter(c -> c.scope().equals(scope)).take(1))
        .then(() -> ticker.tick().block())
        .assertNext(c -> {
          assertThat(c.affects(hour)).isTrue();
          assertThat(c.affects(day)).isFalse();
          assertThat(c.lastAcceptedAt()).isNull();
        })
        .expectComplete()
        .verify(Duration.ofSeconds(10));
    assertThat(index.read(scope, hour).block().tally(hour).responses()).isZero();
    assertThat(index.read(scope, day).block().tally(day).responses()).isEqualTo(1);
  }

  @Test
  void bucketsAreDeletedOnceOutOfTheLongestWindow() {
    TestNetwork network = new TestNetwork(1, 1, 1).load(client);
    String d = network.dealer(0);
    Instant now = Instant.parse("2026-11-23T10:00:30Z");
    clock.set(now);
    post(
        List.of(
            Events.event(UUID.randomUUID(), d, now, Map.of("CAR", 5)),
            Events.event(UUID.randomUUID(), d, now.minus(Duration.ofDays(5)), Map.of("CAR", 4))));
    String base = keys.base(new AggregateScope.Dealer(d));
    assertThat(redis.keys(base + ":b:*").collectList().block()).isNotEmpty();
    // Step through 32 days so every fold happens on its own tick.
    for (int h = 0; h < 32 * 24; h += 6) {
      clock.set(now.plus(Duration.ofHours(h)));
      ticker.tick().block();
    }
    clock.set(now.plus(Duration.ofDays(32)));
    ticker.tick().block();
    WindowSpec month = layout.longest();
    assertThat(index.read(new AggregateScope.Dealer(d), month).block().tally(month).responses())
        .isZero();
    assertThat(redis.keys(base + ":b:*").collectList().block()).isEmpty();
    assertThat(redis.keys(base + ":t:*").collectList().block()).isEmpty();
  }
}
