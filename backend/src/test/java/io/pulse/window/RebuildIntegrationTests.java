package io.pulse.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pulse.figures.IndexQueryService;
import io.pulse.index.Tally;
import io.pulse.support.Events;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.RedisKeys;
import io.pulse.support.TestNetwork;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Redis is only a cache of PostgreSQL: whatever happens to it, rebuilding gives the same numbers.
 */
@IntegrationTest
class RebuildIntegrationTests {

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @Autowired IndexQueryService index;
  @Autowired WindowLayout layout;
  @Autowired ReactiveStringRedisTemplate redis;
  @Autowired AggregateKeys keys;
  @Autowired FullRebuild fullRebuild;
  @Autowired WindowTicker ticker;

  TestNetwork network;
  Instant now;
  Random random = new Random(7);

  @BeforeEach
  void setUp() {
    now = Instant.parse("2026-11-23T10:00:30Z");
    clock.set(now);
    network = new TestNetwork(2, 2, 3).load(client);
  }

  private List<String> randomEvents(int n) {
    List<String> events = new ArrayList<>();
    List<String> dealers = network.dealerIds();
    for (int i = 0; i < n; i++) {
      Instant at = now.minusSeconds(random.nextInt(35 * 86400));
      events.add(
          Events.event(
              UUID.randomUUID(),
              dealers.get(random.nextInt(dealers.size())),
              at,
              Map.of(
                  "RECOMMEND",
                  random.nextInt(11),
                  "SPEED",
                  1 + random.nextInt(5),
                  "CAR",
                  1 + random.nextInt(5))));
    }
    return events;
  }

  private void post(List<String> events) {
    Events.postNew(client, events);
  }

  private List<AggregateScope> scopes() {
    List<AggregateScope> scopes = new ArrayList<>();
    network.dealerIds().forEach(d -> scopes.add(new AggregateScope.Dealer(d)));
    for (String b : network.brands) {
      for (String r : network.regions) {
        scopes.add(new AggregateScope.Cell(b, r));
      }
    }
    return scopes;
  }

  private Map<String, Tally> snapshot() {
    Map<String, Tally> figures = new LinkedHashMap<>();
    for (AggregateScope s : scopes()) {
      for (WindowSpec w : layout.windows()) {
        figures.put(s.tag() + "/" + w.name(), index.read(s, w).block().tally(w));
      }
    }
    return figures;
  }

  @Test
  void aFlushedRedisReadsEmptyWithoutWritingUntilTheReadyCheckRebuildsTheSameNumbers() {
    post(randomEvents(400));
    ticker.tick().block();
    Map<String, Tally> before = snapshot();
    assertThat(before.values().stream().mapToLong(Tally::responses).sum()).isPositive();

    assertThat(RedisKeys.deleteAll(redis, keys.prefix())).isPositive();

    // Reads never write: the numbers read empty, and reading them creates no key.
    assertThat(snapshot().values().stream().mapToLong(Tally::responses).sum()).isZero();
    assertThat(RedisKeys.deleteAll(redis, keys.prefix())).isZero();

    // The writers bring it back: the ready check sees the marker gone and rebuilds everything.
    assertThat(fullRebuild.startIfRedisIsEmpty().block()).isTrue();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> fullRebuild.status().state(), state -> !state.equals("RUNNING"));
    assertThat(fullRebuild.status().state()).isEqualTo("DONE");
    assertThat(snapshot()).isEqualTo(before);
    // The region figure (a sum of cells) is right too.
    String region = network.regions.getFirst();
    WindowSpec month = layout.longest();
    long regionResponses =
        network.brands.stream()
            .mapToLong(b ->
                before
                    .get(new AggregateScope.Cell(b, region).tag() + "/" + month.name())
                    .responses())
            .sum();
    client
        .get()
        .uri("/api/v1/regions/" + region + "/index?window=30d")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.responses")
        .isEqualTo((int) regionResponses);
  }

  @Test
  void theAdminRebuildGivesTheSameNumbers() {
    post(randomEvents(300));
    Map<String, Tally> before = snapshot();
    client
        .post()
        .uri("/api/v1/admin/rebuild")
        .exchange()
        .expectStatus()
        .isAccepted()
        .expectBody()
        .jsonPath("$.state")
        .isEqualTo("RUNNING");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> fullRebuild.status().state(), state -> !state.equals("RUNNING"));
    assertThat(fullRebuild.status().state()).isEqualTo("DONE");
    client
        .get()
        .uri("/api/v1/admin/rebuild")
        .exchange()
        .expectBody()
        .jsonPath("$.scopesFailed")
        .isEqualTo(0);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void rebuildingWhileIngestGoesOnLosesAndDoublesNothing() throws Exception {
    List<String> first = randomEvents(300);
    post(first);
    RedisKeys.deleteAll(redis, keys.prefix());
    List<List<String>> more = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      more.add(randomEvents(40));
    }
    // Full rebuild and ten concurrent batches race each other.
    CompletableFuture<FullRebuild.Status> rebuild = fullRebuild.run().toFuture();
    List<CompletableFuture<Void>> posts = new ArrayList<>();
    for (List<String> batch : more) {
      posts.add(CompletableFuture.runAsync(() -> post(batch)));
    }
    CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).get();
    assertThat(rebuild.get().state()).isEqualTo("DONE");
    Map<String, Tally> live = snapshot();

    // A rebuild from scratch now, with nothing in flight, is the ground truth.
    RedisKeys.deleteAll(redis, keys.prefix());
    assertThat(fullRebuild.run().block().state()).isEqualTo("DONE");
    Map<String, Tally> truth = snapshot();
    assertThat(live).isEqualTo(truth);
    long totalInMonth =
        truth.entrySet().stream()
            .filter(e -> e.getKey().startsWith("d:") && e.getKey().endsWith("/30d"))
            .mapToLong(e -> e.getValue().responses())
            .sum();
    // Every event less than 30 days old is there exactly once (35-day spread: about 6/7 of 700).
    assertThat(totalInMonth).isBetween(500L, 700L);
  }

  @Test
  void aScopeLaidOutByAnOlderVersionIsRebuiltAtItsNextEvent() {
    String dealer = network.dealerIds().getFirst();
    AggregateScope.Dealer scope = new AggregateScope.Dealer(dealer);
    String base = keys.base(scope);
    List<String> first = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      first.add(
          Events.event(
              UUID.randomUUID(), dealer, now.minusSeconds(60 * i), Map.of("RECOMMEND", 9)));
    }
    post(first);
    // What the version before packed counters left: a meta of layout 1 and counters in hashes.
    List<String> counterKeys = redis.keys(base + ":[bt]:*").collectList().block();
    assertThat(counterKeys).isNotEmpty();
    for (String key : counterKeys) {
      redis.delete(key).block();
      redis.opsForHash().put(key, "n", "5").block();
    }
    redis.opsForHash().put(base + ":m", "v", "1").block();

    // Reads see no scope of this layout (not the old hashes), and the next event rebuilds it.
    assertThat(index.read(scope, layout.longest()).block().tally(layout.longest()).responses())
        .isZero();
    post(List.of(Events.event(UUID.randomUUID(), dealer, now, Map.of("RECOMMEND", 3))));
    assertThat(index.read(scope, layout.longest()).block().tally(layout.longest()).responses())
        .isEqualTo(6);
    assertThat(redis.opsForHash().get(base + ":m", "v").block()).isEqualTo("3");
    for (String key : redis.keys(base + ":[bt]:*").collectList().block()) {
      assertThat(redis.type(key).block())
          .as(key)
          .isEqualTo(org.springframework.data.redis.connection.DataType.STRING);
    }
  }

  @Test
  void aScopeOfPackedCountersWithoutCompositesGainsThemAtItsNextEvent() {
    String dealer = network.dealerIds().getFirst();
    AggregateScope.Dealer scope = new AggregateScope.Dealer(dealer);
    String base = keys.base(scope);
    List<String> first = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      first.add(
          Events.event(
              UUID.randomUUID(),
              dealer,
              now.minusSeconds(60 * i),
              Map.of("RECOMMEND", 10, "SPEED", 1 + i)));
    }
    post(first);
    // What layout 2 left: packed counters without composites (zeros read like missing slots).
    String clearComposites =
        "for _, k in ipairs(KEYS) do redis.call('BITFIELD', k, 'SET', 'i32', '#' .. ARGV[1], 0,"
            + " 'SET', 'i32', '#' .. ARGV[1] + 1, 0, 'SET', 'i32', '#' .. ARGV[1] + 2, 0,"
            + " 'SET', 'i32', '#' .. ARGV[1] + 3, 0) end return 1";
    List<String> counterKeys = redis.keys(base + ":[bt]:*").collectList().block();
    redis
        .execute(
            org.springframework.data.redis.core.script.RedisScript.of(clearComposites, Long.class),
            counterKeys,
            List.of(Integer.toString(TallyFields.COMPOSITES)))
        .blockLast();
    assertThat(index.read(scope, layout.longest()).block().tally(layout.longest()).composites())
        .isEqualTo(new Tally.Composites(0, 0, 0));
    redis.opsForHash().put(base + ":m", "v", "2").block();

    post(List.of(Events.event(UUID.randomUUID(), dealer, now, Map.of("RECOMMEND", 0))));
    // Rebuilt from PostgreSQL: every event's composite is back.
    // (100 + 0)/2 = 50, (100 + 25)/2 = 62.5, 75, 87.5 and 0 → 500 + 625 + 750 + 875 + 0 tenths.
    Tally month = index.read(scope, layout.longest()).block().tally(layout.longest());
    assertThat(month.responses()).isEqualTo(5);
    assertThat(month.composites())
        .isEqualTo(
            new Tally.Composites(5, 2750, 500L * 500 + 625L * 625 + 750L * 750 + 875L * 875));
    assertThat(redis.opsForHash().get(base + ":m", "v").block()).isEqualTo("3");
  }
}
