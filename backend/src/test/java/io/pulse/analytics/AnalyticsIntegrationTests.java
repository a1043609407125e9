package io.pulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.api.Parameter;
import io.pulse.simulator.FeedbackEvent;
import io.pulse.simulator.FeedbackGenerator;
import io.pulse.simulator.NetworkGenerator;
import io.pulse.simulator.Personality;
import io.pulse.simulator.PulseClient;
import io.pulse.simulator.SimDealer;
import io.pulse.simulator.SimulatedNetwork;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator's dealer personalities, fed through the public API over ten simulated days, come
 * out of the analytics as they should: weak-on-SPEED dealers show SPEED as a weak point, gaming
 * dealers are flagged and never benchmarks.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsIntegrationTests {

  static final Instant NOW = Instant.parse("2026-11-23T10:00:30Z");

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @Autowired JsonMapper json;
  @LocalServerPort int port;

  SimulatedNetwork network;
  SimDealer weak;
  SimDealer gamer;

  @BeforeAll
  void feedTenDays() throws Exception {
    clock.set(NOW);
    network = NetworkGenerator.generate(7, 600, 3, 6);
    weak = network.dealersWeakOn(Parameter.SPEED).getFirst();
    gamer = network.firstDealerWith(Personality.GAMING);
    PulseClient api = new PulseClient(URI.create("http://127.0.0.1:" + port), warning -> {});
    api.importNetwork(network);
    FeedbackGenerator generator = FeedbackGenerator.trendingUntil(network, NOW);
    SplittableRandom rng = new SplittableRandom(11);
    List<FeedbackEvent> batch = new ArrayList<>();
    for (SimDealer d : network.dealers()) {
      if (!d.regionId().equals(weak.regionId()) && !d.regionId().equals(gamer.regionId())) {
        continue;
      }
      for (int i = 0; i < 80; i++) {
        Instant at = NOW.minus(Duration.ofMinutes(10 + rng.nextLong(10 * 24 * 60)));
        batch.add(generator.at(d, rng, at));
        if (batch.size() == 1000) {
          assertThat(api.sendBatch(batch).rejected()).isZero();
          batch.clear();
        }
      }
    }
    if (!batch.isEmpty()) {
      assertThat(api.sendBatch(batch).rejected()).isZero();
    }
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

  @Test
  void aWeakOnSpeedDealerSeesSpeedAsAWeakPointInPlainWords() {
    JsonNode a =
        get("/api/v1/dealers/" + weak.id() + "/analysis?window=30d&benchmark=region&lang=en");
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
    JsonNode ru = get("/api/v1/dealers/" + weak.id() + "/analysis?window=30d");
    assertThat(ru.get("language").asString()).isEqualTo("en");
    JsonNode russian =
        json.readTree(
            client
                .get()
                .uri("/api/v1/dealers/" + weak.id() + "/analysis")
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
        get("/api/v1/brands/" + gamer.brandId() + "/integrity?regionId=" + gamer.regionId());
    JsonNode flagged = null;
    for (JsonNode f : report.get("flagged")) {
      if (f.at("/dealer/id").asString().equals(gamer.id())) {
        flagged = f;
      }
    }
    assertThat(flagged).as("the gaming dealer %s is flagged in %s", gamer.id(), report).isNotNull();
    assertThat(flagged.get("flags").get(0).get("reason").asString()).isNotBlank();
    JsonNode segments =
        get("/api/v1/brands/" + gamer.brandId() + "/segments?regionId=" + gamer.regionId());
    for (JsonNode d : segments.at("/regions/0/dealers")) {
      if (d.at("/dealer/id").asString().equals(gamer.id())) {
        assertThat(d.get("segment").asString()).isNotEqualTo("BENCHMARK");
        assertThat(d.get("flags").size()).isPositive();
      }
    }
  }

  @Test
  void executivesCompareRegionsRankDealersFairlyAndSeeDrivers() {
    JsonNode regions = get("/api/v1/brands/" + weak.brandId() + "/regions?window=30d");
    assertThat(regions.get("regions").size()).isPositive();
    JsonNode first = regions.get("regions").get(0);
    assertThat(first.get("csiLow").asDouble()).isLessThanOrEqualTo(first.get("csi").asDouble());
    JsonNode ranking =
        get(
            "/api/v1/regions/"
                + weak.regionId()
                + "/dealers?brandId="
                + weak.brandId()
                + "&sort=shrunkCsi");
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
    JsonNode drivers = get("/api/v1/brands/" + weak.brandId() + "/drivers");
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
}
