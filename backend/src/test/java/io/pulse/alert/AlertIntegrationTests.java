package io.pulse.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.api.Alert;
import io.pulse.support.Events;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.TestNetwork;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@IntegrationTest
class AlertIntegrationTests {

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;

  @Test
  void detractorsAndLowScoresBecomeAlertsThatAreHandledAndGoOverdue() {
    Instant now = Instant.parse("2026-11-23T10:00:30Z");
    clock.set(now);
    TestNetwork network = new TestNetwork(1, 1, 1).load(client);
    String d = network.dealer(0);
    UUID detractor = UUID.randomUUID();
    UUID lowSpeed = UUID.randomUUID();
    UUID happy = UUID.randomUUID();
    String detractorEvent = Events.event(detractor, d, now, Map.of("RECOMMEND", 4, "SPEED", 4));
    client
        .post()
        .uri("/api/v1/feedback/batch")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            Events.array(
                List.of(
                    detractorEvent,
                    Events.event(lowSpeed, d, now, Map.of("RECOMMEND", 9, "SPEED", 2, "CAR", 1)),
                    Events.event(happy, d, now, Map.of("RECOMMEND", 10, "SPEED", 5)))))
        .exchange()
        .expectStatus()
        .isOk();
    // The same event again creates no second alert.
    client
        .post()
        .uri("/api/v1/feedback")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(detractorEvent)
        .exchange()
        .expectStatus()
        .isOk();

    List<Alert> open = alerts(d, "open");
    assertThat(open).extracting(Alert::eventId).containsExactlyInAnyOrder(detractor, lowSpeed);
    Alert low = open.stream().filter(a -> a.eventId().equals(lowSpeed)).findFirst().orElseThrow();
    assertThat(low.reasons()).containsExactly("LOW_SCORE:SPEED", "LOW_SCORE:CAR");
    assertThat(low.status()).isEqualTo(Alert.Status.OPEN);
    assertThat(low.overdue()).isFalse();
    assertThat(low.scores()).containsEntry("SPEED", 2);

    client
        .post()
        .uri("/api/v1/alerts/" + detractor + "/acknowledge")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("ACKNOWLEDGED")
        .jsonPath("$.acknowledgedBy")
        .isEqualTo("admin");
    client
        .post()
        .uri("/api/v1/alerts/" + detractor + "/resolve")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("note");
    client
        .post()
        .uri("/api/v1/alerts/" + detractor + "/resolve")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"note\":\"Called the customer, offered a free service check\"}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("RESOLVED")
        .jsonPath("$.resolvedBy")
        .isEqualTo("admin")
        .jsonPath("$.note")
        .isEqualTo("Called the customer, offered a free service check");
    client
        .post()
        .uri("/api/v1/alerts/" + detractor + "/resolve")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"note\":\"again\"}")
        .exchange()
        .expectStatus()
        .isEqualTo(409);
    client
        .post()
        .uri("/api/v1/alerts/" + happy + "/acknowledge")
        .exchange()
        .expectStatus()
        .isNotFound();

    clock.set(now.plus(Duration.ofHours(25)));
    assertThat(alerts(d, "open"))
        .singleElement()
        .satisfies(a -> {
          assertThat(a.eventId()).isEqualTo(lowSpeed);
          assertThat(a.overdue()).isTrue();
        });
    assertThat(alerts(d, "all")).hasSize(2);
    client
        .get()
        .uri("/api/v1/brands/" + network.brands.getFirst() + "/alerts")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[0].dealerId")
        .isEqualTo(d)
        .jsonPath("$[0].open")
        .isEqualTo(1)
        .jsonPath("$[0].overdue")
        .isEqualTo(1);
  }

  private List<Alert> alerts(String dealer, String status) {
    return client
        .get()
        .uri("/api/v1/dealers/" + dealer + "/alerts?status=" + status)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBodyList(Alert.class)
        .returnResult()
        .getResponseBody();
  }
}
