package io.pulse.loadtest.feeders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulse.loadtest.config.LoadConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FeedbackEventsTests {

  private static final Set<String> FIELDS =
      Set.of(
          "eventId",
          "dealerId",
          "stage",
          "occurredAt",
          "scores",
          "comment",
          "channel",
          "customerRef");

  private final ObjectMapper json = new ObjectMapper();
  private final FeedbackEvents events =
      new FeedbackEvents(
          new DealerSkew(List.of("D00001", "D00002", "D00003"), new LoadConfig.Skew(1, 0), 1));

  @Test
  void batchesAreArraysOfValidEventsAsTheApiTakesThem() throws Exception {
    JsonNode batch = json.readTree(events.batch(new SplittableRandom(3), 500));

    assertThat(batch.isArray()).isTrue();
    assertThat(batch.size()).isEqualTo(500);
    Set<String> ids = new HashSet<>();
    Set<String> stages = new HashSet<>();
    for (JsonNode event : batch) {
      event.fieldNames().forEachRemaining(name -> assertThat(FIELDS).contains(name));
      ids.add(UUID.fromString(event.path("eventId").asText()).toString());
      assertThat(event.path("dealerId").asText()).isIn("D00001", "D00002", "D00003");
      stages.add(event.path("stage").asText());
      OffsetDateTime occurred = OffsetDateTime.parse(event.path("occurredAt").asText());
      assertThat(occurred.getOffset().getTotalSeconds()).isEqualTo(3 * 3600);
      assertThat(Duration.between(occurred.toInstant(), Instant.now()))
          .isBetween(Duration.ofSeconds(-1), Duration.ofMinutes(6));
      JsonNode scores = event.path("scores");
      assertThat(scores.size()).isBetween(2, 7);
      scores
          .fields()
          .forEachRemaining(s -> {
            int max = s.getKey().equals("RECOMMEND") ? 10 : 5;
            int min = s.getKey().equals("RECOMMEND") ? 0 : 1;
            assertThat(s.getValue().isInt()).isTrue();
            assertThat(s.getValue().asInt()).isBetween(min, max);
          });
      assertThat(event.path("channel").asText()).isIn("SMS", "CALL", "WEB", "APP", "EMAIL");
    }
    assertThat(ids).hasSize(500);
    assertThat(stages).containsExactlyInAnyOrderElementsOf(FeedbackEvents.STAGES);
  }

  @Test
  void singleEventIsOneObject() throws Exception {
    JsonNode event = json.readTree(events.event(new SplittableRandom(5)));

    assertThat(event.isObject()).isTrue();
    assertThat(event.path("scores").size()).isPositive();
  }

  @Test
  void answersAreMostlyPositiveLikeRealSurveys() {
    SplittableRandom random = new SplittableRandom(11);
    int promoters = 0;
    int fives = 0;
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      promoters += FeedbackEvents.recommend(random) >= 9 ? 1 : 0;
      fives += FeedbackEvents.scale(random) == 5 ? 1 : 0;
    }
    assertThat(promoters / (double) n).isBetween(0.53, 0.57);
    assertThat(fives / (double) n).isBetween(0.43, 0.47);
  }
}
