package io.pulse.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.api.Alert;
import io.pulse.api.AlertCase;
import io.pulse.index.DealerWatch;
import io.pulse.support.Caller;
import io.pulse.support.Events;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.Reads;
import io.pulse.support.SseClient;
import io.pulse.support.TestNetwork;
import io.pulse.system.RelayRejections;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

/**
 * Early warnings end to end, against the real PostgreSQL and Redis: a dealer whose answers fall
 * gets one INDEX_DROP alert (and one DETRACTORS_RISE) with its explanation, however often and
 * however concurrently the loop runs, and the alert is pushed on that dealer's feed only.
 *
 * <p>The answers: 60 that alternate all-4 (RECOMMEND 8; CSI 75.7) and all-5 (RECOMMEND 10; CSI
 * 100), ending on a 5 so the CSI statistic stands at 0: CSI baseline 87.86, sd 12.1. Then answers
 * of all-3 with RECOMMEND 5 (CSI 50, a detractor): each is z = −3.1, clipped to −3, so the CSI
 * statistic goes 2.5, 5.0, 7.5 and passes h = 5 at the third ("fell from 88 to 50 over the last 3
 * answers"); each parameter's test crosses there too and is told by the CSI's alert. Detractors:
 * baseline share 0 (floored at 5 %), each detractor adds ln(0.1364/0.05) = 1.0033, so the fourth
 * passes h = 4. Each test then warms up again (30 answers), so the rest of the fall raises nothing
 * more.
 */
@IntegrationTest
@TestPropertySource(
    properties = {
      "pulse.security.users[0].username=admin",
      "pulse.security.users[0].password={noop}admin",
      "pulse.security.users[0].role=ADMIN",
      "pulse.security.users[1].username=mgr-ew",
      "pulse.security.users[1].password={noop}pw",
      "pulse.security.users[1].role=DEALER_MANAGER",
      "pulse.security.users[1].dealers=EWD1"
    })
class EarlyWarningIntegrationTests {

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @Autowired EarlyWarnings warnings;
  @Autowired DatabaseClient db;
  @Autowired JsonMapper json;
  @Autowired RelayRejections rejections;
  @Autowired MeterRegistry meters;
  @LocalServerPort int port;

  private final Instant now = Instant.parse("2026-11-23T10:00:30Z");
  private TestNetwork network;
  private String dealer;
  private final List<UUID> bad = new ArrayList<>();

  @BeforeEach
  void setUp() {
    clock.set(now);
    // Every test context of this JVM shares one database, so other classes' answers wait there
    // too: work them off first, so that each pass of a test reads that test's answers only.
    for (int i = 0; i < 1000; i++) {
      EarlyWarnings.Report backlog = warnings.pass().block(Duration.ofSeconds(60));
      if (backlog == null || backlog.answers() == 0) {
        break;
      }
    }
    network = new TestNetwork(1, 1, 2).load(client);
    dealer = network.dealer(0);
  }

  private void good(int count) {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int v = i % 2 == 0 ? 4 : 5;
      events.add(
          Events.event(
              UUID.randomUUID(),
              dealer,
              now.minusSeconds(600),
              Map.of(
                  "CONSULTATION",
                  v,
                  "COMMUNICATION",
                  v,
                  "VISIT",
                  v,
                  "RECOMMEND",
                  v == 5 ? 10 : 8,
                  "SPEED",
                  v,
                  "CAR",
                  v,
                  "RETURN",
                  v)));
    }
    Events.postNew(client, events);
  }

  private void poor(int count) {
    poor(count, null);
  }

  /** Answers of all-3 with RECOMMEND 5 (CSI 50, a detractor), with {@code comment} if given. */
  private void poor(int count, @Nullable String comment) {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      UUID id = UUID.randomUUID();
      bad.add(id);
      String event =
          Events.event(
              id,
              dealer,
              now.minusSeconds(60),
              Map.of(
                  "CONSULTATION",
                  3,
                  "COMMUNICATION",
                  3,
                  "VISIT",
                  3,
                  "RECOMMEND",
                  5,
                  "SPEED",
                  3,
                  "CAR",
                  3,
                  "RETURN",
                  3));
      events.add(
          comment == null
              ? event
              : event.substring(0, event.length() - 1) + ",\"comment\":\"" + comment + "\"}");
    }
    Events.postNew(client, events);
  }

  private List<Alert> alerts() {
    return client
        .get()
        .uri("/api/v1/dealers/" + dealer + "/alerts?status=all&limit=500")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBodyList(Alert.class)
        .returnResult()
        .getResponseBody();
  }

  private static List<Alert> withReason(List<Alert> alerts, String reason) {
    return alerts.stream().filter(a -> a.reasons().contains(reason)).toList();
  }

  @Test
  void aFallRaisesOneIndexDropWithItsReasonOnTheAnswerThatCrossed() {
    good(60);
    poor(20);

    EarlyWarnings.Report report = warnings.pass().block(Duration.ofSeconds(30));
    assertThat(report.answers()).isEqualTo(80);
    assertThat(report.warnings()).isEqualTo(2);

    List<Alert> all = alerts();
    // Every poor answer is a detractor alert; the warnings join two of them.
    assertThat(all).hasSize(20);
    List<Alert> drops = withReason(all, "INDEX_DROP");
    assertThat(drops).hasSize(1);
    Alert drop = drops.getFirst();
    assertThat(drop.eventId()).isEqualTo(bad.get(2));
    assertThat(drop.reasons()).containsExactly("DETRACTOR", "INDEX_DROP");
    assertThat(drop.status()).isEqualTo(Alert.Status.OPEN);
    assertThat(drop.explanations()).hasSize(1);
    Alert.Explanation why = drop.explanations().getFirst();
    assertThat(why.reason()).isEqualTo("INDEX_DROP");
    assertThat(why.en()).startsWith("CSI fell from 88 to 50 over the last 3 answers; ");
    assertThat(why.en()).contains("moved most");
    assertThat(why.ru()).startsWith("CSI упал с 88 до 50 за последние 3 ответа; ");

    List<Alert> rises = withReason(all, "DETRACTORS_RISE");
    assertThat(rises).hasSize(1);
    assertThat(rises.getFirst().eventId()).isEqualTo(bad.get(3));
    assertThat(rises.getFirst().explanations().getFirst().en())
        .isEqualTo("Detractors rose from 0 % to 100 % of answers over the last 4 answers");
    assertThat(withReason(all, "WEAK_POINT:SPEED")).isEmpty();

    // The brand's overview counts it among the dealer's warnings.
    client
        .get()
        .uri("/api/v1/brands/" + network.brandOf(dealer) + "/alerts")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[0].dealerId")
        .isEqualTo(dealer)
        .jsonPath("$[0].warnings")
        .isEqualTo(2);

    // Acknowledge and resolve work on it as on any alert.
    client
        .post()
        .uri("/api/v1/alerts/" + drop.eventId() + "/acknowledge")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("ACKNOWLEDGED")
        .jsonPath("$.explanations[0].reason")
        .isEqualTo("INDEX_DROP");
    client
        .post()
        .uri("/api/v1/alerts/" + drop.eventId() + "/resolve")
        .bodyValue(Map.of("note", "Called the service lead"))
        .exchange()
        .expectStatus()
        .isOk();

    // Nothing left to do: a second pass raises nothing and leaves the resolved alert alone.
    EarlyWarnings.Report again = warnings.pass().block(Duration.ofSeconds(30));
    assertThat(again.answers()).isZero();
    List<Alert> after = alerts();
    assertThat(withReason(after, "INDEX_DROP")).hasSize(1);
    assertThat(withReason(after, "INDEX_DROP").getFirst().status())
        .isEqualTo(Alert.Status.RESOLVED);
  }

  @Test
  void aWarningOnAHandledAnswerReopensItsCaseWithAStepInItsHistory() {
    good(60);
    poor(20);
    // The detractor alert of the answer that will cross the threshold is handled before the
    // early warnings have seen it.
    UUID crossing = bad.get(2);
    client
        .post()
        .uri("/api/v1/alerts/" + crossing + "/resolve")
        .bodyValue(Map.of("note", "Called back"))
        .exchange()
        .expectStatus()
        .isOk();

    warnings.pass().block(Duration.ofSeconds(30));

    AlertCase handled = alertCase(crossing);
    assertThat(handled.alert().status()).isEqualTo(Alert.Status.OPEN);
    assertThat(handled.alert().reasons()).contains("INDEX_DROP");
    assertThat(handled.history())
        .extracting(AlertCase.Step::action)
        .endsWith("RESOLVED", "REOPENED");
    AlertCase.Step reopened = handled.history().getLast();
    assertThat(reopened.actor()).isEqualTo(DealerWatchStore.REOPENED_BY);
    assertThat(reopened.detail()).contains("INDEX_DROP");

    // An answer whose alert was still open gains the reason without a step.
    AlertCase open = alertCase(bad.get(3));
    assertThat(open.alert().reasons()).contains("DETRACTORS_RISE");
    assertThat(open.history()).extracting(AlertCase.Step::action).doesNotContain("REOPENED");
  }

  private AlertCase alertCase(UUID eventId) {
    return Reads.alertCase(client, eventId);
  }

  @Test
  void passesThatRaceOrResumeRaiseEachWarningOnce() {
    good(60);
    poor(2);
    // Two instances at once (the lease normally keeps the second out): the row locks make them
    // take turns, and the second finds the answers done.
    List<EarlyWarnings.Report> both =
        Flux.merge(warnings.pass(), warnings.pass()).collectList().block(Duration.ofSeconds(30));
    assertThat(both.stream().mapToInt(EarlyWarnings.Report::answers).sum()).isEqualTo(62);
    assertThat(withReason(alerts(), "INDEX_DROP")).isEmpty();

    // The tests resume from PostgreSQL where they stopped (as after a restart): the third poor
    // answer crosses, exactly as in one pass over all of them.
    poor(18);
    Flux.merge(warnings.pass(), warnings.pass(), warnings.pass())
        .then()
        .block(Duration.ofSeconds(30));
    List<Alert> all = alerts();
    assertThat(withReason(all, "INDEX_DROP"))
        .singleElement()
        .satisfies(a -> assertThat(a.eventId()).isEqualTo(bad.get(2)));
    assertThat(withReason(all, "DETRACTORS_RISE")).hasSize(1);
    Long lastSeq =
        db.sql("SELECT last_seq FROM dealer_watch WHERE dealer_id = :d")
            .bind("d", dealer)
            .map(row -> row.get("last_seq", Long.class))
            .one()
            .block(Duration.ofSeconds(5));
    assertThat(lastSeq).isEqualTo(80);
  }

  @Test
  void historyBeyondTheHorizonMovesTheTestsButRaisesNoAlert() {
    // The same fall, answered two days ago (a bulk load of history): no alert, but the tests
    // have seen it.
    clock.set(now.plus(Duration.ofDays(2)));
    good(60);
    poor(20);
    StepVerifier.create(warnings.pass())
        .assertNext(r -> {
          assertThat(r.answers()).isEqualTo(80);
          assertThat(r.warnings()).isZero();
        })
        .verifyComplete();
    assertThat(withReason(alerts(), "INDEX_DROP")).isEmpty();
  }

  @Test
  void aStateThisInstanceStoredIsNotDecodedAgainButAnyOtherIs() {
    good(10);
    warnings.pass().block(Duration.ofSeconds(30));
    double decoded = stateReads("decoded");
    double known = stateReads("known");
    good(3);
    assertThat(warnings.pass().block(Duration.ofSeconds(30)).answers()).isEqualTo(3);
    assertThat(stateReads("known")).isEqualTo(known + 1);
    assertThat(stateReads("decoded")).isEqualTo(decoded);
    // Another writer's state at the same answer (here: the stored text, reformatted) is read.
    db.sql("UPDATE dealer_watch SET state = ' ' || state WHERE dealer_id = :d")
        .bind("d", dealer)
        .fetch()
        .rowsUpdated()
        .block(Duration.ofSeconds(5));
    good(2);
    assertThat(warnings.pass().block(Duration.ofSeconds(30)).answers()).isEqualTo(2);
    assertThat(stateReads("decoded")).isEqualTo(decoded + 1);
  }

  private double stateReads(String how) {
    return meters.counter("pulse.warnings.states", "read", how).count();
  }

  @Test
  void aStoredStateThatCannotBeReadStartsAfreshAndThePassGoesOn() {
    good(10);
    assertThat(warnings.pass().block(Duration.ofSeconds(30)).answers()).isEqualTo(10);
    // Valid JSON, but not a state (a layout from another version, a hand edit).
    db.sql("UPDATE dealer_watch SET state = '{\"csi\": 5}' WHERE dealer_id = :d")
        .bind("d", dealer)
        .fetch()
        .rowsUpdated()
        .block(Duration.ofSeconds(5));
    long before = rejections.count(EarlyWarnings.LOOP, "bad-state");
    good(5);
    EarlyWarnings.Report report = warnings.pass().block(Duration.ofSeconds(30));
    assertThat(report.answers()).isEqualTo(5);
    assertThat(report.groupsFailed()).isZero();
    assertThat(rejections.count(EarlyWarnings.LOOP, "bad-state")).isEqualTo(before + 1);
    String state =
        db.sql("SELECT state::text AS s FROM dealer_watch WHERE dealer_id = :d")
            .bind("d", dealer)
            .map(row -> row.get("s", String.class))
            .one()
            .block(Duration.ofSeconds(5));
    // Started afresh with the 5 new answers.
    assertThat(json.readValue(state, DealerWatch.class).csi().n()).isEqualTo(5);
  }

  @Test
  void theWarningIsPushedOnItsDealersFeedOnly() throws Exception {
    String other = network.dealer(1);
    good(60);
    try (SseClient feed =
            SseClient.connect(url("/api/v1/stream/dealers/" + dealer + "/feed"), Map.of());
        SseClient otherFeed =
            SseClient.connect(url("/api/v1/stream/dealers/" + other + "/feed"), Map.of())) {
      assertThat(feed.status()).isEqualTo(200);
      feed.drainEvents(Duration.ofMillis(500));
      otherFeed.drainEvents(Duration.ofMillis(300));
      poor(3);
      warnings.pass().block(Duration.ofSeconds(30));
      SseClient.Message pushed = null;
      for (SseClient.Message m = feed.nextEvent(Duration.ofSeconds(10));
          m != null;
          m = feed.nextEvent(Duration.ofSeconds(10))) {
        if ("alert".equals(m.event())) {
          pushed = m;
          break;
        }
      }
      assertThat(pushed).as("an alert event on the dealer's feed").isNotNull();
      Alert alert = json.readValue(pushed.data(), Alert.class);
      assertThat(alert.dealerId()).isEqualTo(dealer);
      assertThat(alert.eventId()).isEqualTo(bad.get(2));
      assertThat(alert.reasons()).contains("INDEX_DROP");
      assertThat(alert.explanations().getFirst().en()).startsWith("CSI fell from 88 to 50");
      assertThat(otherFeed.drainEvents(Duration.ofMillis(500)))
          .noneMatch(m -> "alert".equals(m.event()));
    }
  }

  @Test
  void theDealersManagerGetsThePushWithPersonalDataMasked() throws Exception {
    TestNetwork own = new TestNetwork(1, 1, 1);
    own.dealers.clear();
    own.dealers.put("EWD1", new String[] {own.brands.getFirst(), own.regions.getFirst()});
    own.load(client);
    dealer = "EWD1";
    good(60);
    try (SseClient feed =
        SseClient.connect(
            url("/api/v1/stream/dealers/EWD1/feed"),
            Map.of("Authorization", Caller.basic("mgr-ew", "pw")))) {
      assertThat(feed.status()).isEqualTo(200);
      feed.drainEvents(Duration.ofMillis(500));
      poor(3, "Call me on +7 912 345-67-89");
      warnings.pass().block(Duration.ofSeconds(30));
      SseClient.Message pushed = null;
      for (SseClient.Message m = feed.nextEvent(Duration.ofSeconds(10));
          m != null && pushed == null;
          m = feed.nextEvent(Duration.ofSeconds(10))) {
        pushed = "alert".equals(m.event()) ? m : null;
      }
      assertThat(pushed).as("an alert event on the manager's feed").isNotNull();
      Alert alert = json.readValue(pushed.data(), Alert.class);
      assertThat(alert.reasons()).contains("INDEX_DROP");
      assertThat(alert.comment()).isEqualTo("Call me on [phone]");
    }
    // Another dealer's manager cannot open this feed at all (the matrix of
    // AccessControlIntegrationTests): it looks like no dealer.
    try (SseClient other =
        SseClient.connect(
            url("/api/v1/stream/dealers/" + network.dealer(0) + "/feed"),
            Map.of("Authorization", Caller.basic("mgr-ew", "pw")))) {
      assertThat(other.status()).isEqualTo(404);
    }
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }
}
