package io.pulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pulse.figures.IndexProperties;
import io.pulse.figures.IndexQueryService;
import io.pulse.index.DealerStanding;
import io.pulse.index.FairRanking;
import io.pulse.index.IndexCalculator;
import io.pulse.support.Events;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.TestNetwork;
import io.pulse.system.NotFoundException;
import io.pulse.system.RelayRejections;
import io.pulse.window.AggregateKeys;
import io.pulse.window.AggregateScope;
import io.pulse.window.WindowSpec;
import io.pulse.window.WindowTicker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The brand ranking read from the in-memory standings is the ranking read from Redis dealer by
 * dealer: right after the first read, after new events, and after the windows slid; and the loop
 * that keeps it fresh goes on past a dealer it cannot read, counts it and does not claim a
 * freshness it does not have.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrandStandingsIntegrationTests {

  static final Instant NOW = Instant.parse("2026-11-23T10:00:30Z");

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @Autowired JsonMapper json;
  @Autowired IndexQueryService index;
  @Autowired IndexProperties indexProperties;
  @Autowired AnalyticsProperties analyticsProperties;
  @Autowired WindowTicker ticker;
  @Autowired RelayRejections rejections;
  @Autowired MeterRegistry meters;
  @Autowired AggregateKeys keys;
  @Autowired ReactiveStringRedisTemplate redis;
  @Autowired BrandStandings standings;

  TestNetwork network;
  final SplittableRandom rng = new SplittableRandom(7);

  @BeforeAll
  void feed() {
    clock.set(NOW);
    // Two brands in three regions, 5 dealers per cell; the last dealer of each brand stays silent.
    network = new TestNetwork(2, 3, 5).load(client);
    List<String> batch = new ArrayList<>();
    for (String dealer : network.dealerIds()) {
      if (isSilent(dealer)) {
        continue;
      }
      double quality = 0.6 + rng.nextDouble() * 0.35;
      for (int i = 0; i < 20 + rng.nextInt(40); i++) {
        batch.add(event(dealer, quality, NOW.minus(Duration.ofMinutes(5 + rng.nextLong(20_000)))));
      }
    }
    for (int i = 0; i < batch.size(); i += 500) {
      Events.postNew(client, batch.subList(i, Math.min(batch.size(), i + 500)));
    }
  }

  private boolean isSilent(String dealer) {
    List<String> own =
        network.dealerIds().stream()
            .filter(d -> network.brandOf(d).equals(network.brandOf(dealer)))
            .toList();
    return dealer.equals(own.getLast());
  }

  private String event(String dealer, double quality, Instant at) {
    Map<String, Integer> scores = new LinkedHashMap<>();
    scores.put("RECOMMEND", (int) Math.clamp(Math.round(quality * 10 + rng.nextGaussian()), 0, 10));
    scores.put("SPEED", (int) Math.clamp(Math.round(1 + quality * 4 + rng.nextGaussian()), 1, 5));
    scores.put("CAR", (int) Math.clamp(Math.round(1 + quality * 4 + rng.nextGaussian()), 1, 5));
    return Events.event(UUID.randomUUID(), dealer, at, scores);
  }

  @Test
  void theRankingFromMemoryIsTheRankingFromRedisAfterIngestAndAfterASlide() {
    String brand = network.brands.getFirst();
    // First read: loaded from Redis.
    assertThat(served(brand, "30d")).isEqualTo(fromRedis(brand, "30d"));
    assertThat(served(brand, "7d")).isEqualTo(fromRedis(brand, "7d"));

    // New events turn the ranking over: the worst dealers get many perfect answers.
    Map<String, Row> beforeIngest = fromRedis(brand, "30d");
    List<String> batch = new ArrayList<>();
    List<String> dealers = dealersOf(brand);
    for (String dealer : dealers.subList(0, 4)) {
      for (int i = 0; i < 30; i++) {
        batch.add(event(dealer, 1.0, clock.instant().minus(Duration.ofMinutes(1 + i))));
      }
    }
    Events.postNew(client, batch);
    assertThat(fromRedis(brand, "30d")).isNotEqualTo(beforeIngest);
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(served(brand, "30d")).isEqualTo(fromRedis(brand, "30d")));

    // Three days on, the 7-day window loses events when the ticker slides it.
    clock.advance(Duration.ofDays(3));
    Map<String, Row> beforeSlide = fromRedis(brand, "7d");
    for (int i = 0; i < 20 && ticker.tick().block().changed() > 0; i++) {
      // Slide until nothing more is due.
    }
    Map<String, Row> afterSlide = fromRedis(brand, "7d");
    assertThat(afterSlide).isNotEqualTo(beforeSlide);
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(served(brand, "7d")).isEqualTo(fromRedis(brand, "7d")));
    // The asOf says how fresh the answer is: after the slide.
    JsonNode page = get("/api/v1/brands/" + brand + "/ranking?window=7d&limit=3&offset=2");
    assertThat(Instant.parse(page.get("asOf").asString()))
        .isAfterOrEqualTo(clock.instant().minusSeconds(5));
    assertThat(page.get("total").asInt()).isEqualTo(dealers.size());
    assertThat(page.get("dealers").size()).isEqualTo(3);
    assertThat(page.get("dealers").get(0).get("rank").asInt()).isEqualTo(3);
  }

  @Test
  void theRefresherSurvivesADealerItCannotReadCountsItAndHoldsAsOfBack() {
    String brand = network.brands.getLast();
    List<String> dealers = dealersOf(brand);
    String bad = dealers.getFirst();
    String good = dealers.get(1);
    served(brand, "30d");
    String window = keys.base(new AggregateScope.Dealer(bad)) + ":t:3";
    String hidden = window + ":hidden";
    long failedBefore = rejections.count(BrandStandings.LOOP, "dealer-read-failed");
    // The bad dealer's 30-day total becomes a hash: its read script fails (WRONGTYPE).
    redis.rename(window, hidden).block();
    redis.opsForHash().put(window, "not", "counters").block();
    try {
      // Its change is heard (as from another instance), and a good dealer's new events too.
      redis.convertAndSend(keys.prefix() + ":changes", "d:" + bad + " 15 0").block();
      Map<String, Row> before = served(brand, "30d");
      List<String> batch = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        batch.add(event(good, 1.0, clock.instant().minus(Duration.ofMinutes(1 + i))));
      }
      Events.postNew(client, batch);
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(() -> {
            assertThat(rejections.count(BrandStandings.LOOP, "dealer-read-failed"))
                .isGreaterThan(failedBefore + 1);
            assertThat(served(brand, "30d").get(good).responses())
                .isEqualTo(before.get(good).responses() + 40);
          });
      // The loop goes on (its steps succeed) while the dealer stays unreadable, and the answer
      // does not claim to be fresher than its last complete pass.
      double successes = loopRuns("success");
      Instant asOf = asOf(brand);
      clock.advance(Duration.ofSeconds(1));
      await().atMost(Duration.ofSeconds(15)).until(() -> loopRuns("success") >= successes + 2);
      assertThat(asOf(brand)).isEqualTo(asOf);
    } finally {
      redis.delete(window).block();
      redis.rename(hidden, window).block();
    }
    Instant held = asOf(brand);
    clock.advance(Duration.ofSeconds(1));
    await().atMost(Duration.ofSeconds(15)).until(() -> asOf(brand).isAfter(held));
    assertThat(served(brand, "30d")).isEqualTo(fromRedis(brand, "30d"));
  }

  @Test
  void aPreloadedBrandIsRankedWithoutALoadAndOneThatCannotLoadDoesNotStopTheOthers() {
    TestNetwork fresh = new TestNetwork(1, 2, 3).load(client);
    String brand = fresh.brands.getFirst();
    List<String> batch = new ArrayList<>();
    for (String dealer : fresh.dealerIds()) {
      batch.add(event(dealer, 0.8, NOW.minus(Duration.ofHours(2))));
    }
    Events.postNew(client, batch);
    Timer loads = meters.find("pulse.standings.load").timer();
    long loadsBefore = loads.count();
    long failedBefore = rejections.count(BrandStandings.LOOP, "preload-failed");

    // An unknown brand first: it fails, is counted, and the next one is loaded all the same.
    StepVerifier.create(standings.preload(List.of("NO-SUCH-BRAND", brand)))
        .assertNext(e -> assertThat(e).isInstanceOf(NotFoundException.class))
        .verifyComplete();
    assertThat(rejections.count(BrandStandings.LOOP, "preload-failed")).isEqualTo(failedBefore + 1);
    assertThat(loads.count()).isEqualTo(loadsBefore + 1);

    // Read without a load, and preloading it again loads nothing.
    JsonNode page = get("/api/v1/brands/" + brand + "/ranking?window=30d&limit=100");
    assertThat(page.get("total").asInt()).isEqualTo(fresh.dealerIds().size());
    long ranked = 0;
    for (JsonNode d : page.get("dealers")) {
      ranked += d.get("responses").asLong();
    }
    assertThat(ranked).isEqualTo(fresh.dealerIds().size());
    StepVerifier.create(standings.preload(List.of(brand))).verifyComplete();
    assertThat(loads.count()).isEqualTo(loadsBefore + 1);
  }

  @Test
  void anUnknownBrandIsNotFoundAndAPageIsBounded() {
    client.get().uri("/api/v1/brands/NO-SUCH-BRAND/ranking").exchange().expectStatus().isNotFound();
    client
        .get()
        .uri("/api/v1/brands/" + network.brands.getFirst() + "/ranking?limit=0")
        .exchange()
        .expectStatus()
        .isBadRequest();
  }

  private double loopRuns(String outcome) {
    var c =
        meters
            .find("pulse.loop.runs")
            .tag("loop", BrandStandings.LOOP)
            .tag("outcome", outcome)
            .counter();
    return c == null ? 0 : c.count();
  }

  private Instant asOf(String brand) {
    return Instant.parse(
        get("/api/v1/brands/" + brand + "/ranking?window=30d&limit=1").get("asOf").asString());
  }

  /** What a ranked row shows that the comparison holds to. */
  record Row(@Nullable Integer rank, @Nullable Double shrunkCsi, long responses) {}

  private List<String> dealersOf(String brand) {
    return network.dealerIds().stream()
        .filter(d -> network.brandOf(d).equals(brand))
        .sorted()
        .toList();
  }

  private Map<String, Row> served(String brand, String window) {
    JsonNode page = get("/api/v1/brands/" + brand + "/ranking?window=" + window + "&limit=10000");
    Map<String, Row> out = new TreeMap<>();
    for (JsonNode d : page.get("dealers")) {
      JsonNode rank = d.get("rank");
      JsonNode shrunk = d.get("shrunkCsi");
      out.put(
          d.at("/dealer/id").asString(),
          new Row(
              rank == null || rank.isNull() ? null : rank.asInt(),
              shrunk == null || shrunk.isNull() ? null : shrunk.asDouble(),
              d.get("responses").asLong()));
    }
    return out;
  }

  /** The same ranking read from Redis now, dealer by dealer, region by region. */
  private Map<String, Row> fromRedis(String brand, String windowName) {
    WindowSpec window = index.window(windowName);
    IndexCalculator calculator = new IndexCalculator(indexProperties.settings());
    Map<String, List<DealerStanding>> byRegion = new LinkedHashMap<>();
    for (String dealer :
        dealersOf(brand).stream()
            .sorted((a, b) -> {
              int r = network.regionOf(a).compareTo(network.regionOf(b));
              return r != 0 ? r : a.compareTo(b);
            })
            .toList()) {
      byRegion
          .computeIfAbsent(network.regionOf(dealer), r -> new ArrayList<>())
          .add(
              DealerStanding.of(
                  dealer,
                  index.dealerReading(dealer).block().tally(window),
                  indexProperties.settings()));
    }
    Map<String, @Nullable Double> means = new HashMap<>();
    for (String region : byRegion.keySet()) {
      means.put(
          region, calculator.figures(index.regionReading(region).block().tally(window)).csi());
    }
    Map<String, Row> out = new TreeMap<>();
    for (FairRanking.Ranked r :
        FairRanking.rankAcross(
            byRegion,
            means,
            FairRanking.shrinkage(byRegion.values(), analyticsProperties.shrinkageK()))) {
      out.put(
          r.dealer().dealerId(),
          new Row(r.rank(), AnalyticsService.round(r.shrunkCsi()), r.dealer().responses()));
    }
    return out;
  }

  private JsonNode get(String uri) {
    return json.readTree(
        client
            .get()
            .uri(uri)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody());
  }
}
