package io.pulse.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.api.BatchReply;
import io.pulse.api.IndexView;
import io.pulse.api.IngestResult;
import io.pulse.support.Events;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.TestNetwork;
import io.pulse.window.AggregateKeys;
import io.pulse.window.AggregateScope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class IngestIntegrationTests {

  static final List<BadFeedbackCorpus.Case> CASES = BadFeedbackCorpus.CASES;

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @Autowired DatabaseClient db;
  @Autowired ReactiveStringRedisTemplate redis;
  @Autowired AggregateKeys keys;
  @Autowired JsonMapper json;

  TestNetwork network;
  Instant now;

  @BeforeEach
  void setUp() {
    now = Instant.parse("2026-11-23T10:00:30Z");
    clock.set(now);
    network = new TestNetwork(1, 2, 2).load(client);
  }

  private WebTestClient.ResponseSpec post(String body) {
    return client
        .post()
        .uri("/api/v1/feedback")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  private IndexView index(String path) {
    return client
        .get()
        .uri(path)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(IndexView.class)
        .returnResult()
        .getResponseBody();
  }

  private long storedEventsOf(String dealer) {
    return db.sql("SELECT count(*) AS n FROM feedback_event WHERE dealer_id = :d")
        .bind("d", dealer)
        .map(r -> r.get("n", Long.class))
        .one()
        .block();
  }

  @Test
  void countsEventsExactlyAsTheDomainDefines() {
    String d = network.dealer(0);
    // SPEED 5,3,2 -> 100, 50, 25; RECOMMEND 10, 6, 8 -> promoter, detractor, passive.
    post(Events.event(
            UUID.randomUUID(), d, now.minusSeconds(20), Map.of("SPEED", 5, "RECOMMEND", 10)))
        .expectStatus()
        .isAccepted();
    post(Events.event(
            UUID.randomUUID(), d, now.minusSeconds(15), Map.of("SPEED", 3, "RECOMMEND", 6)))
        .expectStatus()
        .isAccepted();
    post(Events.event(
            UUID.randomUUID(),
            d,
            now.minusSeconds(10),
            Map.of("SPEED", 2, "RECOMMEND", 8, "COMMUNICATION", 4)))
        .expectStatus()
        .isAccepted();

    IndexView v = index("/api/v1/dealers/" + d + "/index?window=1h");
    assertThat(v.responses()).isEqualTo(3);
    assertThat(v.lowSample()).isTrue();
    // CSI = (58.33 + 80 + 75) / 3 = 71.11 (see IndexCalculatorTests for the hand computation).
    assertThat(v.csi()).isEqualTo(71.11);
    assertThat(v.nps().score()).isEqualTo(0.0);
    assertThat(v.nps().marginOfError()).isEqualTo(61.11);
    assertThat(v.parameters())
        .filteredOn(p -> p.parameter().equals("SPEED"))
        .singleElement()
        .satisfies(p -> {
          assertThat(p.answers()).isEqualTo(3);
          assertThat(p.mean()).isEqualTo(58.33);
          assertThat(p.sd()).isEqualTo(38.19);
        });
    assertThat(v.lastEventAcceptedAt()).isEqualTo(now);
    // The same numbers roll up into the dealer's region and brand.
    assertThat(index("/api/v1/regions/" + network.regionOf(d) + "/index?window=24h").csi())
        .isEqualTo(71.11);
    assertThat(index("/api/v1/brands/" + network.brandOf(d) + "/index?window=30d").responses())
        .isEqualTo(3);
  }

  @Test
  void newDealersStartEmptyWithoutARebuild(@Autowired MeterRegistry meters)
      throws InterruptedException {
    TestNetwork fresh = new TestNetwork(1, 1, 3).load(client);
    String d = fresh.dealer(0);
    String meta = keys.base(new AggregateScope.Dealer(d)) + ":m";
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> Boolean.TRUE.equals(redis.hasKey(meta).block()));
    double rebuildsBefore = meters.counter("pulse.aggregates.rebuilds").count();
    post(Events.event(UUID.randomUUID(), d, now, Map.of("RECOMMEND", 9)))
        .expectStatus()
        .isAccepted();
    // Only the new brand x region cell is rebuilt; the dealer was ready.
    assertThat(meters.counter("pulse.aggregates.rebuilds").count()).isEqualTo(rebuildsBefore + 1);
    assertThat(index("/api/v1/dealers/" + d + "/index?window=1h").responses()).isEqualTo(1);
  }

  @Test
  void theSameEventTwiceCountsOnce() {
    String d = network.dealer(1);
    String e = Events.event(UUID.randomUUID(), d, now, Map.of("RECOMMEND", 9));
    post(e).expectStatus().isAccepted().expectBody().jsonPath("$.status").isEqualTo("ACCEPTED");
    post(e).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("DUPLICATE");
    assertThat(index("/api/v1/dealers/" + d + "/index?window=1h").responses()).isEqualTo(1);
    assertThat(storedEventsOf(d)).isEqualTo(1);
  }

  @Test
  void concurrentDuplicatesCountOnce() throws Exception {
    String d = network.dealer(2);
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      events.add(
          Events.event(UUID.randomUUID(), d, now.minusSeconds(i), Map.of("RECOMMEND", i % 11)));
    }
    String batch = Events.array(events);
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        // As a sender does: a 503 (the instance sheds load) stored nothing and is sent again.
        tasks.add(() -> postRetryingWhileOverloaded(batch).accepted() > 0 ? 1 : 0);
      }
      long acceptedTotal = 0;
      for (Future<Integer> f : pool.invokeAll(tasks)) {
        acceptedTotal += f.get();
      }
      assertThat(acceptedTotal).isPositive();
    }
    assertThat(storedEventsOf(d)).isEqualTo(20);
    assertThat(index("/api/v1/dealers/" + d + "/index?window=1h").responses()).isEqualTo(20);
  }

  @Test
  void concurrentRequestsSharingWritesStoreEachEventOnceWithGapFreeNumbers() throws Exception {
    // 12 requests at once over the same three dealers, each repeating half of its neighbour's
    // events: group writes merge them, and every event must still be stored, numbered and counted
    // exactly once.
    List<String> dealers = List.of(network.dealer(0), network.dealer(1), network.dealer(2));
    List<List<String>> batches = new ArrayList<>();
    List<String> previous = List.of();
    java.util.Set<String> distinct = new java.util.HashSet<>();
    for (int r = 0; r < 12; r++) {
      List<String> batch = new ArrayList<>(previous.subList(0, previous.size() / 2));
      for (int i = 0; i < 30; i++) {
        batch.add(
            Events.event(
                UUID.randomUUID(),
                dealers.get((r + i) % dealers.size()),
                now.minusSeconds(i),
                Map.of("RECOMMEND", i % 11, "SPEED", 1 + i % 5)));
      }
      distinct.addAll(batch);
      batches.add(batch);
      previous = batch;
    }
    long accepted = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
      List<Callable<BatchReply>> tasks = new ArrayList<>();
      for (List<String> batch : batches) {
        tasks.add(() -> postRetryingWhileOverloaded(Events.array(batch)));
      }
      for (Future<BatchReply> f : pool.invokeAll(tasks)) {
        accepted += f.get().accepted();
      }
    }
    assertThat(accepted).isEqualTo(distinct.size());
    long total = 0;
    for (String d : dealers) {
      List<Long> seqs =
          db.sql("SELECT seq FROM feedback_event WHERE dealer_id = :d ORDER BY seq")
              .bind("d", d)
              .map(r -> r.get("seq", Long.class))
              .all()
              .collectList()
              .block();
      assertThat(seqs)
          .as("numbers of %s are 1..n without gaps", d)
          .isEqualTo(java.util.stream.LongStream.rangeClosed(1, seqs.size()).boxed().toList());
      assertThat(index("/api/v1/dealers/" + d + "/index?window=1h").responses())
          .isEqualTo(seqs.size());
      total += seqs.size();
    }
    assertThat(total).isEqualTo(distinct.size());
  }

  /** As a sender does: a 503 stored nothing, so the same request is sent again. */
  private BatchReply postRetryingWhileOverloaded(String body) {
    for (int attempt = 1; ; attempt++) {
      var result =
          client
              .post()
              .uri("/api/v1/feedback/batch")
              .contentType(MediaType.APPLICATION_JSON)
              .bodyValue(body)
              .exchange()
              .expectBody(byte[].class)
              .returnResult();
      if (result.getStatus().is2xxSuccessful()) {
        return json.readValue(result.getResponseBody(), BatchReply.class);
      }
      // (Read as bytes first: a 503's problem body is no BatchReply.)
      assertThat(result.getStatus().value()).isEqualTo(503);
      assertThat(attempt).as("attempts while overloaded").isLessThan(50);
    }
  }

  @Test
  void batchReportsEachEventAndRepeatsInsideIt() {
    String d = network.dealer(3);
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    String ea = Events.event(a, d, now, Map.of("CAR", 5));
    String eb = Events.event(b, d, now, Map.of("CAR", 4));
    BatchReply reply =
        client
            .post()
            .uri("/api/v1/feedback/batch")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Events.array(List.of(ea, eb, ea)))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(BatchReply.class)
            .returnResult()
            .getResponseBody();
    assertThat(reply.accepted()).isEqualTo(2);
    assertThat(reply.duplicates()).isEqualTo(1);
    assertThat(reply.results())
        .extracting(IngestResult::status)
        .containsExactly(
            IngestResult.Status.ACCEPTED,
            IngestResult.Status.ACCEPTED,
            IngestResult.Status.DUPLICATE);
    assertThat(index("/api/v1/dealers/" + d + "/index?window=1h").responses()).isEqualTo(2);
  }

  @Test
  void ndjsonBulkUploadStoresEveryLine() {
    String d = network.dealer(0);
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 2500; i++) {
      body.append(
              Events.event(
                  UUID.randomUUID(),
                  d,
                  now.minus(Duration.ofMinutes(i)),
                  Map.of("VISIT", 1 + i % 5)))
          .append('\n');
    }
    BatchReply reply =
        client
            .post()
            .uri("/api/v1/feedback/batch")
            .contentType(MediaType.parseMediaType("application/x-ndjson"))
            .bodyValue(body.toString())
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(BatchReply.class)
            .returnResult()
            .getResponseBody();
    assertThat(reply.accepted()).isEqualTo(2500);
    // 2,500 minutes back is about 41.7 hours: 1h holds 60 (+1 for the open bucket edge),
    // 24h about 1,440, 7d all of them.
    assertThat(index("/api/v1/dealers/" + d + "/index?window=7d").responses())
        .isGreaterThanOrEqualTo(2500);
    assertThat(index("/api/v1/dealers/" + d + "/index?window=1h").responses()).isBetween(60L, 62L);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("CASES")
  void badInputIsRefusedAndChangesNothing(BadFeedbackCorpus.Case c) {
    String d = network.dealer(0);
    long before = storedEventsOf(d);
    String dealerMeta = keys.base(new AggregateScope.Dealer(d)) + ":m";
    Map<Object, Object> redisBefore =
        redis
            .opsForHash()
            .entries(dealerMeta)
            .collectMap(Map.Entry::getKey, Map.Entry::getValue)
            .block();
    String body = c.body().replace("DEALER", d).replace("NOW", now.toString());
    client
        .post()
        .uri("/api/v1/feedback")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isEqualTo(c.status())
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(c.status())
        .jsonPath("$.errors[*].field")
        .value(fields -> assertThat(String.valueOf(fields)).contains(c.field()));
    // In a batch too, one bad event refuses the whole batch.
    String good = Events.event(UUID.randomUUID(), d, now, Map.of("SPEED", 4));
    if (!c.name().equals("not JSON")) {
      client
          .post()
          .uri("/api/v1/feedback/batch")
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue("[" + good + "," + body + "]")
          .exchange()
          .expectStatus()
          .isEqualTo(c.status());
    }
    assertThat(storedEventsOf(d)).isEqualTo(before);
    assertThat(
            redis
                .opsForHash()
                .entries(dealerMeta)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .block())
        .isEqualTo(redisBefore);
    assertThat(
            db.sql("SELECT count(*) AS n FROM feedback_event WHERE event_id = :id")
                .bind("id", UUID.fromString(BadFeedbackCorpus.GOOD_ID))
                .map(r -> r.get("n", Long.class))
                .one()
                .block())
        .isZero();
  }

  @Test
  void oversizedBatchesAndBodiesAreRefused() {
    String d = network.dealer(0);
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      events.add(Events.event(UUID.randomUUID(), d, now, Map.of("SPEED", 3)));
    }
    client
        .post()
        .uri("/api/v1/feedback/batch")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Events.array(events))
        .exchange()
        .expectStatus()
        .isBadRequest();
    // 33 MB: over the 32 MB body limit, refused before it is read.
    String huge = "[" + " ".repeat(33 << 20) + "]";
    client
        .post()
        .uri("/api/v1/feedback/batch")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(huge)
        .exchange()
        .expectStatus()
        .isEqualTo(413)
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("Body too large");
  }

  @Test
  void unknownWindowAndUnknownDealerAreClearErrors() {
    client
        .get()
        .uri("/api/v1/dealers/" + network.dealer(0) + "/index?window=2h")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("window");
    client.get().uri("/api/v1/dealers/NoSuchDealer/index").exchange().expectStatus().isNotFound();
  }
}
