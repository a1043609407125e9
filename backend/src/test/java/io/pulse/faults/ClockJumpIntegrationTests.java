package io.pulse.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.figures.IndexQueryService;
import io.pulse.index.Tally;
import io.pulse.support.Events;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.RedisKeys;
import io.pulse.support.TestNetwork;
import io.pulse.window.AggregateKeys;
import io.pulse.window.AggregateScope;
import io.pulse.window.FullRebuild;
import io.pulse.window.WindowLayout;
import io.pulse.window.WindowSpec;
import io.pulse.window.WindowTicker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The clock row of the fault matrix: the server clock jumps two minutes forward and back while
 * feedback arrives and the ticker slides windows. Nothing fails, no event is lost or counted twice,
 * and once time has moved on, every window of every scope equals a rebuild from PostgreSQL made
 * from scratch at that moment; alerts of events received "in the future" are neither lost nor
 * reported overdue.
 */
@IntegrationTest
class ClockJumpIntegrationTests {

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @Autowired WindowTicker ticker;
  @Autowired FullRebuild fullRebuild;
  @Autowired IndexQueryService index;
  @Autowired WindowLayout layout;
  @Autowired ReactiveStringRedisTemplate redis;
  @Autowired AggregateKeys keys;

  final Random random = new Random(11);

  @Test
  void windowsTickerAndAlertsStaySaneWhenTheClockJumpsForwardAndBack() {
    Instant t0 = Instant.parse("2026-11-23T10:00:30Z");
    clock.set(t0);
    TestNetwork network = new TestNetwork(1, 2, 2).load(client);

    post(network, t0, 30);
    ticker.tick().block();
    clock.set(t0.plus(Duration.ofMinutes(2)));
    ticker.tick().block();
    // Answers stamped by senders whose clocks agree with the jumped one.
    post(network, clock.instant(), 30);
    clock.set(t0.plusSeconds(10));
    ticker.tick().block();
    // Back in the past: the last answers are two minutes in the future now, within the allowed
    // skew, and a detractor's alert is created "in the future".
    post(network, clock.instant(), 30);
    post(network, t0.plus(Duration.ofMinutes(2)), 10);
    ticker.tick().block();

    int alerts = 0;
    for (String dealer : network.dealerIds()) {
      List<Map<String, Object>> open =
          client
              .get()
              .uri("/api/v1/dealers/" + dealer + "/alerts?status=open&limit=500")
              .exchange()
              .expectStatus()
              .isOk()
              .expectBodyList(new ParameterizedTypeReference<Map<String, Object>>() {})
              .returnResult()
              .getResponseBody();
      alerts += open.size();
      assertThat(open).allSatisfy(a -> assertThat(a).containsEntry("overdue", false));
    }
    assertThat(alerts).isEqualTo(sentAlerts);

    // Time moves on across every bucket boundary the jumps touched.
    for (Duration step :
        List.of(Duration.ofMinutes(3), Duration.ofMinutes(30), Duration.ofHours(2))) {
      clock.set(t0.plus(step));
      ticker.tick().block();
    }
    Map<String, Tally> live = figures(network);
    assertThat(live.values().stream().mapToLong(Tally::responses).sum()).isPositive();

    RedisKeys.deleteAll(redis, keys.prefix());
    assertThat(fullRebuild.run().block().state()).isEqualTo("DONE");
    assertThat(live).isEqualTo(figures(network));
    long inMonth =
        live.entrySet().stream()
            .filter(e -> e.getKey().startsWith("d:") && e.getKey().endsWith("/30d"))
            .mapToLong(e -> e.getValue().responses())
            .sum();
    assertThat(inMonth).isEqualTo(100);
  }

  int sentAlerts;

  private void post(TestNetwork network, Instant occurredAt, int count) {
    List<String> events = new ArrayList<>();
    List<String> dealers = network.dealerIds();
    for (int i = 0; i < count; i++) {
      int recommend = random.nextInt(11);
      int speed = 1 + random.nextInt(5);
      // An alert per detractor or per answer of 2 or less (docs/domain.md, "Closing the loop").
      if (recommend <= 6 || speed <= 2) {
        sentAlerts++;
      }
      events.add(
          Events.event(
              UUID.randomUUID(),
              dealers.get(random.nextInt(dealers.size())),
              occurredAt,
              Map.of("RECOMMEND", recommend, "SPEED", speed)));
    }
    Events.postNew(client, events);
  }

  private Map<String, Tally> figures(TestNetwork network) {
    List<AggregateScope> scopes = new ArrayList<>();
    network.dealerIds().forEach(d -> scopes.add(new AggregateScope.Dealer(d)));
    network.brands.forEach(
        b -> network.regions.forEach(r -> scopes.add(new AggregateScope.Cell(b, r))));
    Map<String, Tally> out = new LinkedHashMap<>();
    for (AggregateScope s : scopes) {
      for (WindowSpec w : layout.windows()) {
        out.put(s.tag() + "/" + w.name(), index.read(s, w).block().tally(w));
      }
    }
    return out;
  }
}
