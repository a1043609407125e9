package io.pulse.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.figures.IndexQueryService;
import io.pulse.support.Events;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.TestNetwork;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The reconciler counts what was stored but never counted, and steps over unused numbers. */
@IntegrationTest
class ReconcilerIntegrationTests {

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @Autowired DatabaseClient db;
  @Autowired AggregateReconciler reconciler;
  @Autowired IndexQueryService index;
  @Autowired WindowLayout layout;
  @Autowired ReactiveStringRedisTemplate redis;
  @Autowired AggregateKeys keys;
  @Autowired FullRebuild fullRebuild;
  @Autowired PassLease passLease;

  TestNetwork network;
  Instant now = Instant.parse("2026-11-23T10:00:30Z");

  @BeforeEach
  void setUp() {
    clock.set(now);
    network = new TestNetwork(1, 1, 2).load(client);
    // As after start-up: a completed full rebuild, so a pass checks scope by scope.
    if (!redis.hasKey(keys.readyMarker()).block()) {
      fullRebuild.run().block();
    }
  }

  private void post(String event) {
    client
        .post()
        .uri("/api/v1/feedback")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(event)
        .exchange()
        .expectStatus()
        .isAccepted();
  }

  private long responses(AggregateScope scope) {
    WindowSpec hour = layout.windows().getFirst();
    return index.read(scope, hour).block().tally(hour).responses();
  }

  @Test
  void anEventStoredButNeverCountedIsCaughtUp() {
    String d = network.dealer(0);
    post(Events.event(UUID.randomUUID(), d, now, Map.of("RECOMMEND", 9)));
    // What an instance that died right after the commit leaves behind: the row and its number,
    // but nothing in Redis.
    db.sql(
            """
            WITH s AS (UPDATE dealer_seq SET last_seq = last_seq + 1 WHERE dealer_id = :d RETURNING last_seq)
            INSERT INTO feedback_event (event_id, dealer_id, seq, stage, occurred_at, received_at, recommend)
            SELECT :id, :d, s.last_seq, 'HANDOVER', :at, :at, 3 FROM s
            """)
        .bind("d", d)
        .bind("id", UUID.randomUUID())
        .bind("at", now)
        .then()
        .block();
    AggregateScope dealer = new AggregateScope.Dealer(d);
    assertThat(responses(dealer)).isEqualTo(1);

    AggregateReconciler.Report report = reconciler.reconcile().block();

    assertThat(report.scopesCaughtUp()).isEqualTo(2); // the dealer and its cell
    assertThat(responses(dealer)).isEqualTo(2);
    assertThat(responses(new AggregateScope.Cell(network.brandOf(d), network.regionOf(d))))
        .isEqualTo(2);
    // A second pass finds nothing to do, and counts nothing twice.
    assertThat(reconciler.reconcile().block().scopesCaughtUp()).isZero();
    assertThat(responses(dealer)).isEqualTo(2);
  }

  @Test
  void numbersConsumedWithoutAnEventAreSteppedOver() {
    String d = network.dealer(1);
    post(Events.event(UUID.randomUUID(), d, now, Map.of("CAR", 5)));
    // Two numbers used up by a batch that lost a race on duplicate ids: they never get a row.
    db.sql("UPDATE dealer_seq SET last_seq = last_seq + 2 WHERE dealer_id = :d")
        .bind("d", d)
        .then()
        .block();
    post(Events.event(UUID.randomUUID(), d, now, Map.of("CAR", 4)));
    AggregateScope dealer = new AggregateScope.Dealer(d);
    String meta = keys.base(dealer) + ":m";
    // Counted at once even though its number is not next in line.
    assertThat(responses(dealer)).isEqualTo(2);
    assertThat(redis.opsForHash().get(meta, "hw").block()).isEqualTo("1");
    assertThat(redis.opsForSet().size(keys.base(dealer) + ":p").block()).isEqualTo(1);

    AggregateReconciler.Report report = reconciler.reconcile().block();

    assertThat(report.gapsSkipped()).as(report.toString()).isEqualTo(2); // dealer and cell
    assertThat(redis.opsForHash().get(meta, "hw").block()).isEqualTo("4");
    assertThat(redis.opsForSet().size(keys.base(dealer) + ":p").block()).isZero();
    assertThat(responses(dealer)).isEqualTo(2);
  }

  @Test
  void oneInstancePerPeriodRunsThePassTheOthersSkipIt() {
    redis.delete(passLease.key("reconciler")).block();
    // Another instance took this period's lease: this one skips the pass.
    assertThat(passLease.take("reconciler", Duration.ofSeconds(30)).block()).isTrue();
    assertThat(reconciler.periodicPass().block().dealersChecked()).isZero();
    // The lease expires by itself: an instance that died holding it holds up nobody for long.
    assertThat(redis.getExpire(passLease.key("reconciler")).block())
        .isPositive()
        .isLessThanOrEqualTo(Duration.ofSeconds(30));
    // Free again: this instance takes it and runs the whole pass.
    redis.delete(passLease.key("reconciler")).block();
    assertThat(reconciler.periodicPass().block().dealersChecked()).isPositive();
    assertThat(passLease.take("reconciler", Duration.ofSeconds(30)).block()).isFalse();
  }
}
