package io.pulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import io.pulse.support.Events;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.Reads;
import io.pulse.support.TestNetwork;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dealers of known kinds, fed through the public API over ten simulated days, come out of the
 * analytics as they should: a dealer weak on SPEED shows SPEED as a weak point, a dealer padding
 * its numbers (mostly perfect answers from the same few customers) is flagged and never a
 * benchmark.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsIntegrationTests {

  static final Instant NOW = Instant.parse("2026-11-23T10:00:30Z");
  static final int EVENTS_PER_DEALER = 80;

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @Autowired JsonMapper json;

  TestNetwork network;
  String weak;
  String gamer;
  String silent;

  @BeforeAll
  void feedTenDays() {
    clock.set(NOW);
    // Two brands in two regions, 12 dealers per cell: the weak dealer and the gamer share a brand
    // and sit in different regions, each among ordinary dealers.
    network = new TestNetwork(2, 2, 12).load(client);
    weak = network.dealer(0);
    gamer = network.dealer(12);
    // One dealer of the weak dealer's cell collects no feedback at all.
    silent = network.dealer(11);
    SplittableRandom rng = new SplittableRandom(11);
    List<String> batch = new ArrayList<>();
    for (String dealer : network.dealerIds()) {
      if (dealer.equals(silent)) {
        continue;
      }
      double quality = 0.72 + rng.nextGaussian() * 0.05;
      for (int i = 0; i < EVENTS_PER_DEALER; i++) {
        Instant at = NOW.minus(Duration.ofMinutes(10 + rng.nextLong(10 * 24 * 60)));
        batch.add(event(dealer, quality, at, rng));
        if (batch.size() == 1000) {
          Events.postNew(client, batch);
          batch.clear();
        }
      }
    }
    if (!batch.isEmpty()) {
      Events.postNew(client, batch);
    }
  }

  /**
   * One answer of {@code dealer}: RECOMMEND and about 60 % of the other parameters, each the
   * dealer's quality (0–1, on a latent scale) plus the customer's mood plus noise. The weak
   * dealer's SPEED sits far below its other parameters; nine in ten of the gamer's answers are
   * perfect and come from one of three customers.
   */
  private String event(String dealer, double quality, Instant at, SplittableRandom rng) {
    JourneyStage stage = JourneyStage.values()[rng.nextInt(JourneyStage.values().length)];
    boolean perfect = dealer.equals(gamer) && rng.nextDouble() < 0.9;
    double mood = rng.nextGaussian() * 0.12;
    Map<String, Integer> scores = new LinkedHashMap<>();
    for (Parameter p : Parameter.values()) {
      if (p != Parameter.RECOMMEND && rng.nextDouble() >= 0.6) {
        continue;
      }
      double latent =
          (dealer.equals(weak) && p == Parameter.SPEED ? 0.35 : quality)
              + mood
              + rng.nextGaussian() * 0.15;
      long answer = p.min() + Math.round(latent * (p.max() - p.min()));
      scores.put(p.name(), perfect ? p.max() : (int) Math.clamp(answer, p.min(), p.max()));
    }
    String customer =
        perfect
            ? "friend-" + rng.nextInt(3)
            : HexFormat.of().toHexDigits(rng.nextLong())
                + HexFormat.of().toHexDigits(rng.nextLong());
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventId", new UUID(rng.nextLong(), rng.nextLong()).toString());
    event.put("dealerId", dealer);
    event.put("stage", stage.name());
    event.put("occurredAt", at.atOffset(ZoneOffset.ofHours(3)).toString());
    event.put("scores", scores);
    event.put("customerRef", customer);
    return json.writeValueAsString(event);
  }

  private JsonNode get(String uri) {
    return Reads.json(client, json, uri);
  }

  @Test
  void aWeakOnSpeedDealerSeesSpeedAsAWeakPointInPlainWords() {
    JsonNode a = get("/api/v1/dealers/" + weak + "/analysis?window=30d&benchmark=region&lang=en");
    JsonNode speed = null;
    for (JsonNode p : a.get("parameters")) {
      if (p.get("parameter").asString().equals("SPEED")) {
        speed = p;
      }
    }
    assertThat(speed).isNotNull();
    assertThat(speed.get("verdict").asString()).isEqualTo("WEAK_POINT");
    assertThat(speed.get("sentence").asString())
        .startsWith("Speed and organisation ")
        .contains(" in the region (\u2212");
    assertThat(a.get("stages").size()).isEqualTo(7);
    JsonNode ru = get("/api/v1/dealers/" + weak + "/analysis?window=30d");
    assertThat(ru.get("language").asString()).isEqualTo("en");
    JsonNode russian =
        json.readTree(
            client
                .get()
                .uri("/api/v1/dealers/" + weak + "/analysis")
                .header("Accept-Language", "ru-RU,ru;q=0.9")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    assertThat(russian.get("language").asString()).isEqualTo("ru");
    assertThat(russian.toString()).contains("Скорость и организация");
  }

  @Test
  void gamingDealersAreFlaggedWithReasonsAndNeverBenchmarks() {
    JsonNode report =
        get(
            "/api/v1/brands/"
                + network.brandOf(gamer)
                + "/integrity?regionId="
                + network.regionOf(gamer));
    JsonNode flagged = null;
    for (JsonNode f : report.get("flagged")) {
      if (f.at("/dealer/id").asString().equals(gamer)) {
        flagged = f;
      }
    }
    assertThat(flagged).as("the gaming dealer %s is flagged in %s", gamer, report).isNotNull();
    assertThat(flagged.get("flags").get(0).get("reason").asString()).isNotBlank();
    JsonNode segments =
        get(
            "/api/v1/brands/"
                + network.brandOf(gamer)
                + "/segments?regionId="
                + network.regionOf(gamer));
    for (JsonNode d : segments.at("/regions/0/dealers")) {
      if (d.at("/dealer/id").asString().equals(gamer)) {
        assertThat(d.get("segment").asString()).isNotEqualTo("BENCHMARK");
        assertThat(d.get("flags").size()).isPositive();
      }
    }
  }

  @Test
  void executivesCompareRegionsRankDealersFairlyAndSeeDrivers() {
    JsonNode regions = get("/api/v1/brands/" + network.brandOf(weak) + "/regions?window=30d");
    assertThat(regions.get("regions").size()).isPositive();
    JsonNode first = regions.get("regions").get(0);
    assertThat(first.get("csiLow").asDouble()).isLessThanOrEqualTo(first.get("csi").asDouble());
    JsonNode ranking =
        get(
            "/api/v1/regions/"
                + network.regionOf(weak)
                + "/dealers?brandId="
                + network.brandOf(weak)
                + "&sort=shrunkCsi");
    // k from the brand's 23 dealers with answers in both regions, not the default.
    assertThat(ranking.get("kEstimated").asBoolean()).as(ranking.toString()).isTrue();
    // The dealer without answers is last and unranked; the others ranked 1..11.
    JsonNode rows = ranking.get("dealers");
    assertThat(rows.size()).isEqualTo(12);
    assertThat(rows.get(11).at("/dealer/id").asString()).isEqualTo(silent);
    JsonNode silentRank = rows.get(11).get("rank");
    assertThat(silentRank == null || silentRank.isNull()).as(rows.get(11).toString()).isTrue();
    for (int i = 0; i < 11; i++) {
      assertThat(rows.get(i).get("rank").asInt()).isEqualTo(i + 1);
    }
    double previous = Double.MAX_VALUE;
    for (JsonNode d : ranking.get("dealers")) {
      if (d.get("shrunkCsi") != null && !d.get("shrunkCsi").isNull()) {
        double s = d.get("shrunkCsi").asDouble();
        assertThat(s).isLessThanOrEqualTo(previous);
        previous = s;
        // Shrunk towards the region: between the raw CSI and the region mean.
        double raw = d.get("csi").asDouble();
        double mean = ranking.get("regionMean").asDouble();
        assertThat(s).isBetween(Math.min(raw, mean) - 0.01, Math.max(raw, mean) + 0.01);
      }
    }
    JsonNode drivers = get("/api/v1/brands/" + network.brandOf(weak) + "/drivers");
    assertThat(drivers.get("drivers").size()).isEqualTo(6);
    List<Double> importance = new ArrayList<>();
    drivers.get("drivers").forEach(d -> importance.add(d.get("importance").asDouble()));
    double median =
        importance.stream()
            .sorted()
            .skip(2)
            .limit(2)
            .mapToDouble(Double::doubleValue)
            .average()
            .orElseThrow();
    for (JsonNode d : drivers.get("drivers")) {
      assertThat(d.get("pairs").asLong()).isGreaterThanOrEqualTo(30);
      boolean important = d.get("importance").asDouble() >= median;
      boolean below = d.get("gap").asDouble() < 0;
      String expected =
          important ? (below ? "FIX_FIRST" : "KEEP_UP") : (below ? "MONITOR" : "SECONDARY");
      assertThat(d.get("quadrant").asString()).as(d.toString()).isEqualTo(expected);
    }
  }

  @Test
  void theWeakDealerIsToldToFixSpeedFirstWithTheGainAndItsRank() {
    JsonNode f = get("/api/v1/dealers/" + weak + "/fix-first?window=30d&lang=en");
    // The brand's answers are many and correlated through the customer's mood: a model is fitted.
    JsonNode model = f.get("model");
    assertThat(model.get("fitted").asBoolean()).as(f.toString()).isTrue();
    assertThat(model.get("rSquared").asDouble()).isBetween(0.0, 1.0);
    assertThat(model.get("pairs").asLong()).isGreaterThanOrEqualTo(30);
    JsonNode first = f.get("items").get(0);
    assertThat(first.get("parameter").asString()).as(f.toString()).isEqualTo("SPEED");
    assertThat(first.get("weakPoint").asBoolean()).isTrue();
    assertThat(first.get("gap").asDouble()).isPositive();
    // At least the direct effect: SPEED's gap over the parameters the dealer's answers rate.
    assertThat(first.get("csiGain").asDouble())
        .isGreaterThanOrEqualTo(first.get("gap").asDouble() / 7 - 0.01);
    assertThat(first.get("sentence").asString())
        .startsWith("Speed and organisation: from ")
        .contains(", as in the region, would add about +");
    for (JsonNode item : f.get("items")) {
      assertThat(item.get("benchmark").asDouble()).isGreaterThan(item.get("score").asDouble());
      assertThat(item.get("parameter").asString()).isNotEqualTo("RECOMMEND");
    }
    // Ranks: the region has both brands' 24 dealers, the brand 24 in two regions; a weak dealer
    // ranks in the lower half of its region.
    JsonNode standing = f.get("standing");
    assertThat(standing.get("dealersInRegion").asInt()).isEqualTo(24);
    assertThat(standing.get("dealersInBrand").asInt()).isEqualTo(24);
    assertThat(standing.get("rankInRegion").asInt()).isBetween(12, 23);
    assertThat(standing.get("rankInBrand").asInt()).isBetween(1, 23);
    JsonNode ru = get("/api/v1/dealers/" + weak + "/fix-first?lang=ru");
    assertThat(ru.at("/items/0/sentence").asString())
        .startsWith("Скорость и организация: с ")
        .contains(", как в регионе, — это около +");

    // A bad parameter is a 400 naming it, as everywhere.
    client
        .get()
        .uri("/api/v1/dealers/" + weak + "/fix-first?window=2d")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody(String.class)
        .value(body -> assertThat(body).contains("window"));

    JsonNode brand = get("/api/v1/brands/" + network.brandOf(weak) + "/fix-first?lang=en");
    JsonNode speed = null;
    for (JsonNode row : brand.get("parameters")) {
      if (row.get("parameter").asString().equals("SPEED")) {
        speed = row;
      }
    }
    assertThat(speed).as(brand.toString()).isNotNull();
    assertThat(speed.get("dealers").asLong()).isBetween(1L, 23L);
    assertThat(speed.get("brandCsiGain").asDouble()).isPositive();
    assertThat(speed.get("sentence").asString())
        .contains(" below their region, raised to it: about +")
        .endsWith(" CSI for the brand");
  }
}
