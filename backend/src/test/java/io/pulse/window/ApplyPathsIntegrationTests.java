package io.pulse.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * The two ways events reach a scope, summed per bucket ("runs", the ingest path) or one by one
 * (replays, catch-up), count the same, and a replay through either counts nothing twice.
 */
@IntegrationTest
class ApplyPathsIntegrationTests {

  private static final AtomicInteger SCOPES = new AtomicInteger();

  @Autowired WindowStore store;
  @Autowired WindowLayout layout;
  @Autowired MutableClock clock;
  @Autowired ReactiveStringRedisTemplate redis;
  @Autowired AggregateKeys keys;
  @Autowired MeterRegistry meters;

  Instant now;
  Random random = new Random(11);

  @BeforeEach
  void setUp() {
    now = Instant.parse("2026-11-23T10:00:30Z");
    clock.set(now);
  }

  /** A fresh, initialised, empty cell: its events come from several source dealers. */
  private AggregateScope.Cell freshCell() {
    AggregateScope.Cell cell = new AggregateScope.Cell("APPLY" + SCOPES.incrementAndGet(), "R1");
    assertThat(store.initialiseEmpty(List.of(cell)).block()).isEqualTo(1);
    return cell;
  }

  /** Events 1..n of each of three dealers, spread over every window and beyond the longest. */
  private List<WindowedEvent> events(int perDealer) {
    List<WindowedEvent> events = new ArrayList<>();
    for (String dealer : List.of("DA", "DB", "DC")) {
      for (int seq = 1; seq <= perDealer; seq++) {
        Duration age =
            switch (seq % 4) {
              case 0 -> Duration.ofSeconds(random.nextInt(600));
              case 1 -> Duration.ofHours(2 + random.nextInt(20));
              case 2 -> Duration.ofDays(2 + random.nextInt(20));
              default -> Duration.ofDays(40);
            };
        events.add(
            new WindowedEvent(
                dealer,
                "B",
                "R1",
                seq,
                now.minus(age),
                now.minusSeconds(perDealer - seq),
                JourneyStage.values()[random.nextInt(JourneyStage.values().length)],
                Map.of(
                    Parameter.RECOMMEND,
                    random.nextInt(11),
                    Parameter.SPEED,
                    1 + random.nextInt(5),
                    Parameter.CAR,
                    1 + random.nextInt(5))));
      }
    }
    return events;
  }

  private long apply(AggregateScope scope, List<WindowedEvent> events) {
    WindowStore.ApplyResult result = store.apply(scope, now, events).block();
    assertThat(result.initialised()).isTrue();
    return result.applied();
  }

  /** Calls of the apply script so far (its latency timer counts them). */
  private long applyCalls() {
    return meters.get("pulse.redis.script").tag("script", "apply").timer().count();
  }

  private ScopeReading read(AggregateScope scope) {
    return store.read(scope, layout.windows()).block().orElseThrow();
  }

  private Map<String, String> meta(AggregateScope scope) {
    return store.meta(scope).block();
  }

  @Test
  void summedRunsAndSingleEventsGiveTheSameCountsAndReplaysAddNothing() {
    List<WindowedEvent> events = events(12);

    // All at once: consecutive numbers per dealer, so they go summed per bucket.
    AggregateScope.Cell summed = freshCell();
    long calls = applyCalls();
    assertThat(apply(summed, events)).isEqualTo(36);
    assertThat(applyCalls() - calls).as("one script call, not refused").isEqualTo(1);

    // Odd numbers first, then the even ones: never consecutive, so always one by one.
    AggregateScope.Cell single = freshCell();
    assertThat(apply(single, events.stream().filter(e -> e.seq() % 2 == 1).toList())).isEqualTo(18);
    assertThat(apply(single, events.stream().filter(e -> e.seq() % 2 == 0).toList())).isEqualTo(18);

    // Half one by one, then everything as runs: the runs are refused (some are in already) and
    // the events go one by one, adding only the missing half.
    AggregateScope.Cell mixed = freshCell();
    assertThat(apply(mixed, events.stream().filter(e -> e.seq() <= 6).toList())).isEqualTo(18);
    assertThat(apply(mixed, events)).isEqualTo(18);

    ScopeReading expected = read(single);
    assertThat(expected.tally(layout.longest()).responses()).isEqualTo(27); // 1 in 4 is 40 d old
    assertThat(read(summed)).isEqualTo(expected);
    assertThat(read(mixed)).isEqualTo(expected);

    // A replay of everything: the runs form is refused, and one by one counts nothing.
    calls = applyCalls();
    assertThat(apply(summed, events)).isZero();
    assertThat(applyCalls() - calls).as("refused, then one by one").isEqualTo(2);
    assertThat(read(summed)).isEqualTo(expected);

    for (AggregateScope.Cell cell : List.of(summed, single, mixed)) {
      assertThat(meta(cell)).containsEntry("hw:DA", "12").containsEntry("hw:DB", "12");
      assertThat(redis.hasKey(keys.base(cell) + ":p").block()).as("nothing pending").isFalse();
    }
  }

  @Test
  void aRunAfterAGapWaitsInThePendingSetUntilTheGapIsFilled() {
    List<WindowedEvent> events = events(4);
    AggregateScope.Cell cell = freshCell();
    // Numbers 3..4 of each dealer before 1..2: consecutive, but not right after the mark.
    assertThat(apply(cell, events.stream().filter(e -> e.seq() >= 3).toList())).isEqualTo(6);
    assertThat(meta(cell)).containsEntry("hw:DA", "0");
    assertThat(apply(cell, events.stream().filter(e -> e.seq() <= 2).toList())).isEqualTo(6);
    assertThat(meta(cell)).containsEntry("hw:DA", "4").containsEntry("hw:DC", "4");
    assertThat(apply(cell, events)).isZero();
  }
}
