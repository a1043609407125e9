package io.pulse.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.pulse.api.BatchReply;
import io.pulse.feedback.DealerDays;
import io.pulse.support.Events;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.TestNetwork;
import io.pulse.window.FullRebuild;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The daily roll-up is exactly a GROUP BY of the stored events by dealer and local day: after
 * concurrent, overlapping batches full of duplicates, after a rebuild, and after a rebuild raced by
 * ingest. The oracle groups in SQL with PostgreSQL's own time zone rules, independently of the Java
 * day arithmetic of the ingest path.
 */
@IntegrationTest
class DealerDayIntegrationTests {

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @Autowired DatabaseClient db;
  @Autowired FullRebuild fullRebuild;
  @Autowired DealerDayRetention retention;

  private final Random random = new Random(17);
  private final String tag = UUID.randomUUID().toString().substring(0, 8);
  private final List<String> dealers = new ArrayList<>();
  private Instant now;

  @BeforeEach
  void network() {
    now = Instant.parse("2026-11-23T10:00:30Z");
    clock.set(now);
    // Zones east and west of UTC, so a local day differs from the UTC day for many events.
    String[] zones = {"Europe/Moscow", "Asia/Vladivostok", "America/New_York", "UTC"};
    StringBuilder json = new StringBuilder();
    for (int i = 0; i < zones.length; i++) {
      String id = "HD" + tag + i;
      dealers.add(id);
      json.append(i == 0 ? "" : ",")
          .append(
              """
              {"id":"%s","name":"History %d","brandId":"HB%s","regionId":"HR%s","timeZone":"%s"}\
              """
                  .formatted(id, i, tag, tag, zones[i]));
    }
    TestNetwork.load(
        client,
        """
        {"brands":[{"id":"HB%s","name":"History brand"}],
         "regions":[{"id":"HR%s","name":"History region"}],
         "dealers":[%s]}\
        """
            .formatted(tag, tag, json));
  }

  private String randomEvent() {
    // Mostly the last 60 days, some around midnight in every zone, a few past the retention.
    long back =
        random.nextInt(20) == 0
            ? (DealerDays.RETENTION_DAYS + 5L) * 86_400 + random.nextInt(86_400)
            : random.nextInt(60 * 86_400);
    Map<String, Integer> scores = new HashMap<>();
    scores.put("RECOMMEND", random.nextInt(11));
    if (random.nextBoolean()) {
      scores.put("SPEED", 1 + random.nextInt(5));
    }
    if (random.nextInt(3) > 0) {
      scores.put("CAR", 1 + random.nextInt(5));
      scores.put("VISIT", 1 + random.nextInt(5));
      scores.put("RETURN", 1 + random.nextInt(5));
    }
    return Events.event(
        UUID.randomUUID(),
        dealers.get(random.nextInt(dealers.size())),
        now.minusSeconds(back),
        scores);
  }

  /** Batches that each repeat half of the previous one's events, posted all at once. */
  private int postOverlapping(int requests, int perRequest) throws Exception {
    List<String> batches = new ArrayList<>();
    List<String> previous = List.of();
    java.util.Set<String> distinct = new java.util.HashSet<>();
    for (int r = 0; r < requests; r++) {
      List<String> batch = new ArrayList<>(previous.subList(0, previous.size() / 2));
      for (int i = 0; i < perRequest; i++) {
        batch.add(randomEvent());
      }
      distinct.addAll(batch);
      batches.add(Events.array(batch));
      previous = batch;
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Callable<BatchReply>> tasks = new ArrayList<>();
      for (String body : batches) {
        tasks.add(() -> postUntilAdmitted(body));
      }
      long accepted = 0;
      for (Future<BatchReply> f : pool.invokeAll(tasks)) {
        accepted += f.get().accepted();
      }
      assertThat(accepted).isEqualTo(distinct.size());
    }
    return distinct.size();
  }

  /**
   * Posts a batch, again while the instance sheds load (503: nothing of it was stored, retry), as a
   * sender does; a busy test machine makes the admission limit shrink.
   */
  private BatchReply postUntilAdmitted(String body) {
    BatchReply[] reply = {null};
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> {
          var result =
              client
                  .post()
                  .uri("/api/v1/feedback/batch")
                  .contentType(MediaType.APPLICATION_JSON)
                  .bodyValue(body)
                  .exchange()
                  .returnResult(BatchReply.class);
          if (result.getStatus().value() == 503) {
            return false;
          }
          assertThat(result.getStatus().value()).isEqualTo(200);
          reply[0] = result.getResponseBody().blockFirst();
          return true;
        });
    return reply[0];
  }

  /** dealer|day → column → value, of the roll-up table. */
  private Map<String, Map<String, Number>> rollUp() {
    return rows(
        "SELECT dealer_id, day::text AS day, %s FROM dealer_day WHERE dealer_id LIKE :like"
            .formatted(String.join(", ", DealerDays.summed())));
  }

  /** The same, grouped from the events by PostgreSQL (the oracle). */
  private Map<String, Map<String, Number>> groupedEvents() {
    List<String> counts = new ArrayList<>();
    counts.add("count(*) AS responses");
    counts.add(
        """
        count(*) FILTER (WHERE num_nonnulls(consultation, communication, visit, recommend, speed,
          car, return_intent) >= 2 AND coalesce(consultation, 5) = 5
          AND coalesce(communication, 5) = 5 AND coalesce(visit, 5) = 5
          AND coalesce(recommend, 10) = 10 AND coalesce(speed, 5) = 5 AND coalesce(car, 5) = 5
          AND coalesce(return_intent, 5) = 5) AS perfect\
        """);
    counts.add(
        """
        count(*) FILTER (WHERE num_nonnulls(consultation, communication, visit, speed, car,
          return_intent) >= 3 AND (SELECT count(DISTINCT v) FROM unnest(ARRAY[consultation,
          communication, visit, speed, car, return_intent]) v WHERE v IS NOT NULL) = 1)
          AS straight_lined\
        """);
    for (String c : DealerDays.counters().subList(3, DealerDays.counters().size())) {
      int cut = c.lastIndexOf('_');
      counts.add(
          "count(*) FILTER (WHERE %s = %s) AS %s"
              .formatted(c.substring(0, cut), c.substring(cut + 1), c));
    }
    String composite =
        """
        ((coalesce((consultation - 1) * 25, 0) + coalesce((communication - 1) * 25, 0)
          + coalesce((visit - 1) * 25, 0) + coalesce(recommend * 10, 0)
          + coalesce((speed - 1) * 25, 0) + coalesce((car - 1) * 25, 0)
          + coalesce((return_intent - 1) * 25, 0))::float8
         / num_nonnulls(consultation, communication, visit, recommend, speed, car, return_intent))
        """;
    counts.add("sum(%s) AS composite_sum".formatted(composite));
    counts.add("sum((%s) ^ 2) AS composite_sumsq".formatted(composite));
    return rows(
        """
        SELECT dealer_id, day::text AS day, %s FROM (
          SELECT e.*, (e.occurred_at AT TIME ZONE d.time_zone)::date AS day,
                 (e.received_at AT TIME ZONE d.time_zone)::date AS arrived
          FROM feedback_event e JOIN dealer d ON d.id = e.dealer_id
          WHERE e.dealer_id LIKE :like) x
        WHERE day >= arrived - %d
        GROUP BY dealer_id, day
        """
            .formatted(String.join(", ", counts), DealerDays.RETENTION_DAYS));
  }

  private Map<String, Map<String, Number>> rows(String sql) {
    Map<String, Map<String, Number>> out = new HashMap<>();
    db.sql(sql)
        .bind("like", "HD" + tag + "%")
        .fetch()
        .all()
        .doOnNext(row -> {
          Map<String, Number> values = new HashMap<>();
          for (String c : DealerDays.summed()) {
            values.put(c, (Number) row.get(c));
          }
          out.put(row.get("dealer_id") + "|" + row.get("day"), values);
        })
        .blockLast();
    return out;
  }

  private void assertRollUpIsTheGroupBy() {
    Map<String, Map<String, Number>> expected = groupedEvents();
    Map<String, Map<String, Number>> actual = rollUp();
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    for (var e : expected.entrySet()) {
      Map<String, Number> got = actual.get(e.getKey());
      for (String c : DealerDays.counters()) {
        assertThat(got.get(c).longValue())
            .as(e.getKey() + " " + c)
            .isEqualTo(e.getValue().get(c).longValue());
      }
      for (String c : List.of("composite_sum", "composite_sumsq")) {
        assertThat(got.get(c).doubleValue())
            .as(e.getKey() + " " + c)
            .isCloseTo(e.getValue().get(c).doubleValue(), within(1e-6));
      }
    }
  }

  @Test
  void concurrentOverlappingBatchesWithDuplicatesRollUpEachEventOnce() throws Exception {
    int stored = postOverlapping(12, 40);
    assertRollUpIsTheGroupBy();
    long rolledUp = rollUp().values().stream().mapToLong(r -> r.get("responses").longValue()).sum();
    // Every stored event is in exactly one day, except those past the retention.
    assertThat(rolledUp).isLessThan(stored).isGreaterThan(stored * 8L / 10);
  }

  @Test
  void aRebuildRecomputesTheSameRowsAndRepairsDamage() throws Exception {
    postOverlapping(6, 50);
    Map<String, Map<String, Number>> before = rollUp();
    // Damage: a day lost, a day miscounted.
    db.sql(
            "DELETE FROM dealer_day WHERE (dealer_id, day) IN (SELECT dealer_id, day FROM dealer_day"
                + " WHERE dealer_id LIKE :like LIMIT 1)")
        .bind("like", "HD" + tag + "%")
        .fetch()
        .rowsUpdated()
        .block();
    db.sql(
            "UPDATE dealer_day SET responses = responses + 5, speed_3 = speed_3 + 1"
                + " WHERE dealer_id = :d")
        .bind("d", dealers.getFirst())
        .fetch()
        .rowsUpdated()
        .block();
    assertThat(rollUp()).isNotEqualTo(before);

    assertThat(fullRebuild.run().block().state()).isEqualTo("DONE");

    assertRollUpIsTheGroupBy();
    assertThat(rollUp().keySet()).isEqualTo(before.keySet());
  }

  @Test
  void retentionDropsOnlyDaysOlderThanEveryDealersLimit() {
    // Now is 2026-11-23 10:00 UTC: at UTC−18 still the 22nd, and 400 days before that is
    // 2025-10-18, the oldest day kept anywhere.
    for (String day : List.of("2025-10-17", "2025-10-18", "2026-11-20")) {
      db.sql("INSERT INTO dealer_day (dealer_id, day, responses) VALUES (:d, :day::date, 1)")
          .bind("d", dealers.getFirst())
          .bind("day", day)
          .fetch()
          .rowsUpdated()
          .block();
    }
    assertThat(retention.prune().block()).isPositive();
    assertThat(rollUp().keySet())
        .containsExactlyInAnyOrder(
            dealers.getFirst() + "|2025-10-18", dealers.getFirst() + "|2026-11-20");
  }

  @Test
  void ingestDuringARebuildIsCountedOnce() throws Exception {
    postOverlapping(4, 40);
    var rebuild = fullRebuild.run().toFuture();
    postOverlapping(8, 30);
    rebuild.get();
    await().atMost(Duration.ofSeconds(30)).until(rebuild::isDone);
    assertRollUpIsTheGroupBy();
  }
}
