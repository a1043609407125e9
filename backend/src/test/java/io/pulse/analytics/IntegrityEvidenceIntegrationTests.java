package io.pulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.support.Events;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.Reads;
import io.pulse.support.TestNetwork;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Integrity flags judge a dealer against its own habits: a busy hour the dealer is always busy at
 * is no burst, and a customer answering at several stages of one journey is no repeat.
 */
@IntegrationTest
class IntegrityEvidenceIntegrationTests {

  static final Instant NOW = Instant.parse("2026-11-23T12:00:30Z");

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @Autowired JsonMapper json;

  @Test
  void burstsAndRepeatsAreJudgedAgainstTheDealersOwnHabits() {
    clock.set(NOW);
    TestNetwork network = new TestNetwork(1, 1, 4).load(client);
    String noonDealer = network.dealer(0);
    String nightShift = network.dealer(1);
    String traveller = network.dealer(2);
    String padder = network.dealer(3);
    List<String> events = new ArrayList<>();
    // 20 past days: the noon dealer gets 12 answers a day in the hour before 12:00:30, the other
    // one the same 12 twelve hours away; both get 12 in the last hour.
    for (int day = 1; day <= 20; day++) {
      for (int i = 0; i < 12; i++) {
        Instant noon = NOW.minus(Duration.ofDays(day)).minusSeconds(60 * (2 + 4 * i));
        events.add(event(noonDealer, "CONSULTATION", noon, null));
        events.add(event(nightShift, "CONSULTATION", noon.minus(Duration.ofHours(12)), null));
      }
    }
    for (int i = 0; i < 12; i++) {
      events.add(event(noonDealer, "CONSULTATION", NOW.minusSeconds(60 * (2 + 4 * i)), null));
      events.add(event(nightShift, "CONSULTATION", NOW.minusSeconds(60 * (2 + 4 * i)), null));
    }
    // One customer along a whole journey; another rating the same test drive three times.
    String[] journey = {"CONSULTATION", "TEST_DRIVE", "CONTRACT", "HANDOVER"};
    for (int i = 0; i < journey.length; i++) {
      events.add(event(traveller, journey[i], NOW.minus(Duration.ofDays(8 - 2 * i)), "journey"));
    }
    for (int i = 0; i < 3; i++) {
      events.add(event(padder, "TEST_DRIVE", NOW.minus(Duration.ofDays(3 + i)), "friend"));
    }
    for (int from = 0; from < events.size(); from += 500) {
      Events.postNew(client, events.subList(from, Math.min(events.size(), from + 500)));
    }

    JsonNode report =
        get(
            "/api/v1/brands/"
                + network.brands.getFirst()
                + "/integrity?lang=en&regionId="
                + network.regions.getFirst());
    List<String> flags = new ArrayList<>();
    for (JsonNode f : report.get("flagged")) {
      for (JsonNode flag : f.get("flags")) {
        flags.add(f.at("/dealer/id").asString() + " " + flag.get("kind").asString());
      }
    }
    // 12 against a usual 240/30 = 8 a day at this hour: 12 < 8 + 5·√8. At 12 hours off its
    // habits, the same 12 are a burst (usual 0, floored at 1: 12 > 1 + 5).
    assertThat(flags)
        .as(report.toString())
        .containsExactlyInAnyOrder(nightShift + " BURST", padder + " REPEATED_CUSTOMER");
    for (JsonNode f : report.get("flagged")) {
      if (f.at("/dealer/id").asString().equals(padder)) {
        assertThat(f.at("/flags/0/reason").asString())
            .isEqualTo("one customer answered 3 times about one stage (test drive) in 30 days");
      }
      if (f.at("/dealer/id").asString().equals(nightShift)) {
        assertThat(f.at("/flags/0/reason").asString())
            .isEqualTo("12 answers in the last hour, usually 0.0 at this hour");
      }
    }
  }

  private String event(String dealer, String stage, Instant at, String customer) {
    return "{\"eventId\":\"%s\",\"dealerId\":\"%s\",\"stage\":\"%s\",\"occurredAt\":\"%s\",\"scores\":{\"RECOMMEND\":%d,\"SPEED\":%d}%s}"
        .formatted(
            UUID.randomUUID(),
            dealer,
            stage,
            at.atOffset(ZoneOffset.UTC),
            7 + (int) (at.getEpochSecond() % 3),
            3 + (int) (at.getEpochSecond() % 2),
            customer == null ? "" : ",\"customerRef\":\"" + customer + "\"");
  }

  private JsonNode get(String uri) {
    return Reads.json(client, json, uri);
  }
}
