package io.pulse.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.support.Caller;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.TestNetwork;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Erasing a customer and the retention of comments, against the real PostgreSQL: what goes, what
 * stays (every score, so every figure), who may ask, and the audit entry that names nobody.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(
    properties = {
      "pulse.security.users[0].username=admin",
      "pulse.security.users[0].password={noop}admin",
      "pulse.security.users[0].role=ADMIN",
      "pulse.security.users[1].username=exec1",
      "pulse.security.users[1].password={noop}pw",
      "pulse.security.users[1].role=BRAND_EXECUTIVE",
      "pulse.security.users[1].brand=PRVB1",
      "pulse.security.users[2].username=mgr1",
      "pulse.security.users[2].password={noop}pw",
      "pulse.security.users[2].role=DEALER_MANAGER",
      "pulse.security.users[2].dealers=PRVD1",
      "pulse.security.ingest-keys[0].name=test",
      "pulse.security.ingest-keys[0].key=privacy-ingest-key",
      // Small, so that a retention pass takes several batches.
      "pulse.privacy.retention-batch=2"
    })
class PrivacyIntegrationTests {

  static final Instant NOW = Instant.parse("2026-11-23T10:00:30Z");
  static final String ERASED = "crm-4711";
  static final String KEPT = "crm-0815";

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @Autowired DatabaseClient db;
  @Autowired CommentRetention retention;

  final UUID detractor = UUID.randomUUID();
  final UUID otherDealer = UUID.randomUUID();
  final UUID otherCustomer = UUID.randomUUID();

  @BeforeAll
  void network() {
    clock.set(NOW);
    TestNetwork.load(
        client,
        """
        {"brands":[{"id":"PRVB1","name":"Brand one"},{"id":"PRVB2","name":"Brand two"}],
         "regions":[{"id":"PRVR1","name":"North"}],
         "dealers":[
           {"id":"PRVD1","name":"One","brandId":"PRVB1","regionId":"PRVR1","timeZone":"UTC"},
           {"id":"PRVD2","name":"Two","brandId":"PRVB2","regionId":"PRVR1","timeZone":"UTC"}]}
        """);
    List<String> events = new ArrayList<>();
    events.add(
        event(detractor, "PRVD1", 50, "{\"RECOMMEND\":2}", "Звоните: +7 912 345-67-89", ERASED));
    events.add(event(otherDealer, "PRVD2", 40, "{\"RECOMMEND\":9}", "Fine, thanks", ERASED));
    events.add(event(otherCustomer, "PRVD1", 30, "{\"RECOMMEND\":8}", "Good service", KEPT));
    client
        .post()
        .uri("/api/v1/feedback/batch")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("[" + String.join(",", events) + "]")
        .exchange()
        .expectStatus()
        .isOk();
    client
        .post()
        .uri("/api/v1/alerts/" + detractor + "/resolve")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"note\":\"Called Ivan Petrov back, he will come again\"}")
        .exchange()
        .expectStatus()
        .isOk();
  }

  static String event(
      UUID id, String dealer, int minutesAgo, String scores, String comment, String customer) {
    return ("{\"eventId\":\"%s\",\"dealerId\":\"%s\",\"stage\":\"SERVICE_VISIT\","
            + "\"occurredAt\":\"%s\",\"scores\":%s,\"comment\":\"%s\",\"customerRef\":\"%s\"}")
        .formatted(
            id,
            dealer,
            NOW.minus(Duration.ofMinutes(minutesAgo)).atOffset(ZoneOffset.UTC),
            scores,
            comment,
            customer);
  }

  @Test
  void onlyAdminsEraseAndARefusalChangesNothing() {
    Map<Caller, Integer> expected =
        Map.of(
            Caller.ANONYMOUS, 401, Caller.MANAGER, 403, Caller.EXECUTIVE, 403, Caller.INGEST, 403);
    expected.forEach((caller, status) ->
        as(caller)
            .delete()
            .uri("/api/v1/customers/" + KEPT)
            .exchange()
            .expectStatus()
            .isEqualTo(status));
    assertThat(row(otherCustomer)).containsEntry("comment", "Good service");
    assertThat(row(otherCustomer)).containsEntry("customer_ref", KEPT);
  }

  @Test
  void aBadReferenceIsRefusedNamingTheField() {
    client
        .delete()
        .uri("/api/v1/customers/" + "x".repeat(129))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("customerRef");
  }

  @Test
  void erasingACustomerTakesTheirWordsAndKeepsEveryFigure() {
    String indexBefore = index("PRVD1");
    String analysisBefore = body("/api/v1/dealers/PRVD1/index?window=7d");

    client
        .delete()
        .uri("/api/v1/customers/" + ERASED)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .json("{\"events\":2,\"alertNotes\":1}");

    for (UUID id : List.of(detractor, otherDealer)) {
      Map<String, @Nullable Object> row = row(id);
      assertThat(row.get("comment")).isNull();
      assertThat(row.get("customer_ref")).isNull();
      assertThat(row.get("recommend")).isNotNull();
    }
    assertThat(row(otherCustomer)).containsEntry("comment", "Good service");
    assertThat(row(otherCustomer)).containsEntry("customer_ref", KEPT);
    assertThat(body("/api/v1/dealers/PRVD1/alerts?status=all"))
        .contains(detractor.toString())
        .doesNotContain("Ivan Petrov")
        .doesNotContain("345-67-89");
    assertThat(body("/api/v1/feedback/search?dealerId=PRVD1")).doesNotContain(detractor.toString());
    // The case's steps keep who did what, not what they wrote about the customer.
    assertThat(body("/api/v1/alerts/" + detractor + "/case"))
        .contains("\"action\":\"RESOLVED\"", "\"actor\":\"admin\"")
        .doesNotContain("Ivan Petrov");
    assertThat(index("PRVD1")).isEqualTo(indexBefore);
    assertThat(body("/api/v1/dealers/PRVD1/index?window=7d")).isEqualTo(analysisBefore);

    String audit = body("/api/v1/admin/audit");
    assertThat(audit)
        .contains("CUSTOMER_ERASED")
        .contains("customer sha256:" + CustomerErasure.sha256(ERASED) + ", 2 answers, 1 alert")
        .doesNotContain(ERASED);

    // Asked again: nothing left to erase, and that is recorded too.
    client
        .delete()
        .uri("/api/v1/customers/" + ERASED)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .json("{\"events\":0,\"alertNotes\":0}");
  }

  @Test
  void retentionErasesOldCommentsInBatchesAndKeepsTheScores() {
    List<UUID> old = new ArrayList<>();
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      UUID id = UUID.randomUUID();
      old.add(id);
      events.add(event(id, "PRVD2", 600 + i, "{\"RECOMMEND\":7}", "old words " + i, "r" + i));
    }
    UUID recent = UUID.randomUUID();
    events.add(event(recent, "PRVD2", 5, "{\"RECOMMEND\":7}", "new words", "r9"));
    client
        .post()
        .uri("/api/v1/feedback/batch")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("[" + String.join(",", events) + "]")
        .exchange()
        .expectStatus()
        .isOk();

    // Older than nine hours: the five old ones (and the earlier tests' events, 30 to 50 minutes
    // old, are kept). Five rows in batches of two is three statements.
    Long erased = retention.eraseOlderThan(NOW.minus(Duration.ofHours(9))).block();

    assertThat(erased).isEqualTo(5);
    for (UUID id : old) {
      assertThat(row(id).get("comment")).isNull();
      assertThat(row(id).get("recommend")).isNotNull();
    }
    assertThat(row(recent)).containsEntry("comment", "new words");
    assertThat(row(otherCustomer)).containsEntry("comment", "Good service");
    assertThat(retention.eraseOlderThan(NOW.minus(Duration.ofHours(9))).block()).isZero();
  }

  private String index(String dealer) {
    return body("/api/v1/dealers/" + dealer + "/index?window=30d");
  }

  private String body(String path) {
    return client
        .get()
        .uri(path)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  private Map<String, @Nullable Object> row(UUID id) {
    return db.sql(
            "SELECT comment, customer_ref, recommend FROM feedback_event WHERE event_id = :id")
        .bind("id", id)
        .fetch()
        .one()
        .block();
  }

  private WebTestClient as(Caller caller) {
    return caller.on(client, "privacy-ingest-key");
  }
}
