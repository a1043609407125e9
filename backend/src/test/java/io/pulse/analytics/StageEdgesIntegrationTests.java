package io.pulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.support.Events;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.Reads;
import io.pulse.support.TestNetwork;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stage figures (PostgreSQL) cut each window where the Redis buckets do, so the stages add up
 * to the headline responses, even for answers a millisecond either side of a window's edge.
 */
@IntegrationTest
class StageEdgesIntegrationTests {

  static final Instant NOW = Instant.parse("2026-11-23T10:00:30Z");
  static final String[] STAGES = {"CONSULTATION", "TEST_DRIVE", "HANDOVER", "SERVICE_VISIT"};

  /** The default windows and their bucket sizes (docs/index-methodology.md, "Windows"). */
  record Window(String name, Duration length, Duration bucket) {

    /** The first instant counted: the start of the bucket holding now − length. */
    Instant edge() {
      long g = bucket.toMillis();
      return Instant.ofEpochMilli(Math.floorDiv(NOW.minus(length).toEpochMilli(), g) * g);
    }
  }

  static final List<Window> WINDOWS =
      List.of(
          new Window("1h", Duration.ofHours(1), Duration.ofMinutes(1)),
          new Window("24h", Duration.ofHours(24), Duration.ofMinutes(24)),
          new Window("7d", Duration.ofDays(7), Duration.ofMinutes(168)),
          new Window("30d", Duration.ofDays(30), Duration.ofMinutes(672)));

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @Autowired JsonMapper json;

  @Test
  void stagesAddUpToTheResponsesOfEveryWindow() {
    clock.set(NOW);
    TestNetwork network = new TestNetwork(1, 1, 1).load(client);
    String dealer = network.dealer(0);
    List<String> events = new ArrayList<>();
    int i = 0;
    for (Window w : WINDOWS) {
      Instant edge = w.edge();
      // Inside: the edge itself and a second after; outside: a millisecond before, and halfway
      // between the edge and now − length − bucket (what the stage query used to start from).
      Instant oldStart = NOW.minus(w.length()).minus(w.bucket());
      assertThat(oldStart).isBefore(edge.minusMillis(1));
      for (Instant at :
          List.of(
              edge,
              edge.plusSeconds(1),
              edge.minusMillis(1),
              oldStart.plusMillis((edge.toEpochMilli() - oldStart.toEpochMilli()) / 2))) {
        events.add(
            Events.event(
                UUID.randomUUID(),
                dealer,
                STAGES[i++ % STAGES.length],
                at,
                Map.of("RECOMMEND", 9, "SPEED", 4)));
      }
    }
    events.add(
        Events.event(UUID.randomUUID(), dealer, "HANDOVER", NOW.minusSeconds(5), Map.of("CAR", 5)));
    Events.postNew(client, events);

    for (Window w : WINDOWS) {
      JsonNode a = get("/api/v1/dealers/" + dealer + "/analysis?window=" + w.name());
      long expected = events.stream().filter(e -> !occurredAt(e).isBefore(w.edge())).count();
      assertThat(a.get("responses").asLong()).as(w.name()).isEqualTo(expected);
      long stages = 0;
      for (JsonNode s : a.get("stages")) {
        stages += s.get("responses").asLong();
      }
      assertThat(stages).as(w.name() + ": " + a.get("stages")).isEqualTo(expected);
    }
  }

  private Instant occurredAt(String event) {
    return java.time.OffsetDateTime.parse(json.readTree(event).get("occurredAt").asString())
        .toInstant();
  }

  private JsonNode get(String uri) {
    return Reads.json(client, json, uri);
  }
}
