package io.pulse.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.api.AlertCase;
import io.pulse.api.CaseKpis;
import io.pulse.support.Caller;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.Reads;
import io.pulse.support.TestNetwork;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Alerts handled as cases against the real PostgreSQL: who may do what, the history of who did it,
 * the customer's later answers, and the KPIs computed from hand-made timelines.
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
      "pulse.security.users[1].brand=CSB1",
      "pulse.security.users[2].username=mgr1",
      "pulse.security.users[2].password={noop}pw",
      "pulse.security.users[2].role=DEALER_MANAGER",
      "pulse.security.users[2].dealers=CSD1,CSD3",
      "pulse.security.ingest-keys[0].name=test",
      "pulse.security.ingest-keys[0].key=case-ingest-key"
    })
class CaseIntegrationTests {

  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  @Autowired CaseProperties caseProperties;
  @Autowired WebTestClient client;
  @Autowired MutableClock clock;

  @BeforeAll
  void network() {
    clock.set(NOW);
    TestNetwork.load(
        as(Caller.ADMIN),
        """
        {"brands":[{"id":"CSB1","name":"Brand one"}],
         "regions":[{"id":"CSR1","name":"North"}],
         "dealers":[
           {"id":"CSD1","name":"One","brandId":"CSB1","regionId":"CSR1","timeZone":"UTC"},
           {"id":"CSD2","name":"Two","brandId":"CSB1","regionId":"CSR1","timeZone":"UTC"},
           {"id":"CSD3","name":"Three","brandId":"CSB1","regionId":"CSR1","timeZone":"UTC"}]}
        """);
  }

  @Test
  void aCaseIsHandledByTheDealersManagerAndEveryStepSaysWho() {
    UUID id = ingest("CSD1", 2, 2, "cust-1", 60);

    AlertCase assigned = post(Caller.MANAGER, id, "assign", "{\"assignee\":\"Anna\"}", 200);
    assertThat(assigned.assignee()).isEqualTo("Anna");
    post(Caller.EXECUTIVE, id, "assign", "{\"assignee\":\"Boris\"}", 403);
    post(Caller.MANAGER, id, "assign", "{\"assignee\":\"\"}", 400);

    clock.advance(Duration.ofHours(2));
    AlertCase contacted = post(Caller.MANAGER, id, "contact", "{\"note\":\"Called\"}", 200);
    assertThat(contacted.contactedAt()).isEqualTo(clock.instant());
    assertThat(contacted.alert().status().name()).isEqualTo("ACKNOWLEDGED");
    clock.advance(Duration.ofHours(1));
    // A second contact keeps the first one's time.
    assertThat(post(Caller.MANAGER, id, "contact", null, 200).contactedAt())
        .isEqualTo(contacted.contactedAt());

    post(Caller.MANAGER, id, "notes", "{\"note\":\"Will come on Friday\"}", 200);
    as(Caller.MANAGER)
        .post()
        .uri("/api/v1/alerts/" + id + "/resolve")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"note\":\"Fixed\",\"rootCause\":\"LUNCH\",\"outcome\":\"RECOVERED\"}")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("rootCause");
    as(Caller.MANAGER)
        .post()
        .uri("/api/v1/alerts/" + id + "/resolve")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"note\":\"Fixed\",\"rootCause\":\"WAITING_TIME\",\"outcome\":\"RECOVERED\"}")
        .exchange()
        .expectStatus()
        .isOk();
    post(Caller.MANAGER, id, "assign", "{\"assignee\":\"Anna\"}", 409);

    AlertCase done = view(Caller.EXECUTIVE, id);
    assertThat(done.rootCause()).isEqualTo("WAITING_TIME");
    assertThat(done.outcome()).isEqualTo("RECOVERED");
    assertThat(done.history())
        .extracting(AlertCase.Step::action, AlertCase.Step::actor, AlertCase.Step::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ASSIGNED", "mgr1", "to Anna"),
            org.assertj.core.groups.Tuple.tuple("CONTACTED", "mgr1", "Called"),
            org.assertj.core.groups.Tuple.tuple("CONTACTED", "mgr1", null),
            org.assertj.core.groups.Tuple.tuple("NOTE", "mgr1", "Will come on Friday"),
            org.assertj.core.groups.Tuple.tuple(
                "RESOLVED", "mgr1", "[WAITING_TIME] [RECOVERED] Fixed"));
    // The dealer's cases as a file: the case's fields beside the answer, the comment masked.
    String csv =
        new String(
            as(Caller.MANAGER)
                .get()
                .uri("/api/v1/dealers/CSD1/cases/export?days=30")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody(),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(csv)
        .contains("eventId,createdAt,status,reasons,stage,occurredAt,RECOMMEND,assignee")
        .contains(id.toString(), "RESOLVED", "Anna", "mgr1", "WAITING_TIME", "RECOVERED");
    as(Caller.MANAGER)
        .get()
        .uri("/api/v1/dealers/CSD2/cases/export")
        .exchange()
        .expectStatus()
        .isNotFound();
    // A dealer the manager does not have: not there at all.
    UUID other = ingest("CSD2", 1, 1, null, 30);
    as(Caller.MANAGER)
        .get()
        .uri("/api/v1/alerts/" + other + "/case")
        .exchange()
        .expectStatus()
        .isNotFound();
    post(Caller.MANAGER, other, "contact", null, 404);
    post(Caller.INGEST, other, "contact", null, 403);
  }

  @Test
  void theCustomersLaterAnswersAtTheDealerShowWhetherTheyCameBackHappier() {
    UUID alert = ingest("CSD3", 3, 2, "cust-2", 300);
    UUID happier = ingest("CSD3", 9, 5, "cust-2", 100);
    ingest("CSD2", 10, 5, "cust-2", 90);
    ingest("CSD3", 10, 5, "someone-else", 80);

    AlertCase c = view(Caller.MANAGER, alert);
    assertThat(c.laterAnswers()).hasSize(1);
    AlertCase.LaterAnswer later = c.laterAnswers().getFirst();
    assertThat(later.eventId()).isEqualTo(happier);
    assertThat(later.recommend()).isEqualTo(9);
    // Before: RECOMMEND 3 → 30, SPEED 2 → 25: 27.5. After: 90 and 100: 95.
    assertThat(later.scoreBefore()).isEqualTo(27.5);
    assertThat(later.score()).isEqualTo(95.0);
    assertThat(later.happier()).isTrue();
  }

  @Test
  void kpisCountContactAndResolutionAgainstTheirSlas() {
    clock.set(Instant.parse("2026-11-10T08:00:00Z"));
    // Three alerts of CSD1 at 08:00: contacted after 2 h and resolved (recovered) after 10 h;
    // contacted after 30 h (late); never touched.
    UUID quick = ingest("CSD1", 1, 1, null, 1);
    UUID late = ingest("CSD1", 1, 1, null, 1);
    ingest("CSD1", 1, 1, null, 1);
    clock.advance(Duration.ofHours(2));
    post(Caller.MANAGER, quick, "contact", null, 200);
    clock.advance(Duration.ofHours(8));
    as(Caller.MANAGER)
        .post()
        .uri("/api/v1/alerts/" + quick + "/resolve")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"note\":\"ok\",\"outcome\":\"RECOVERED\"}")
        .exchange()
        .expectStatus()
        .isOk();
    clock.advance(Duration.ofHours(20));
    post(Caller.MANAGER, late, "contact", null, 200);
    clock.set(Instant.parse("2026-11-12T08:00:00Z"));

    CaseKpis kpis = kpis(Caller.MANAGER, "/api/v1/dealers/CSD1/cases/kpis?days=3");
    assertThat(kpis.cases()).isEqualTo(3);
    assertThat(kpis.due()).isEqualTo(3);
    // One of three contacted within 24 h.
    assertThat(kpis.contactedWithinSlaShare()).isEqualTo(0.333);
    // Contacted after 2 h and 30 h: the median of two is 16 h.
    assertThat(kpis.medianHoursToFirstContact()).isEqualTo(16.0);
    assertThat(kpis.medianHoursToResolution()).isEqualTo(10.0);
    assertThat(kpis.resolved()).isEqualTo(1);
    assertThat(kpis.recoveredShare()).isEqualTo(1.0);
    // Resolution SLA (7 days) has not run out for the open two: only the resolved one counts.
    assertThat(kpis.resolvedWithinSlaShare()).isEqualTo(1.0);

    CaseKpis brand = kpis(Caller.EXECUTIVE, "/api/v1/brands/CSB1/cases/kpis?days=3");
    assertThat(brand.cases()).isEqualTo(3);
    as(Caller.MANAGER)
        .get()
        .uri("/api/v1/brands/CSB1/cases/kpis")
        .exchange()
        .expectStatus()
        .isNotFound();
    as(Caller.MANAGER)
        .get()
        .uri("/api/v1/dealers/CSD2/cases/kpis")
        .exchange()
        .expectStatus()
        .isNotFound();
    as(Caller.MANAGER)
        .get()
        .uri("/api/v1/dealers/CSD1/cases/kpis?days=0")
        .exchange()
        .expectStatus()
        .isBadRequest();
    clock.set(NOW);
  }

  @Test
  void theRootCausesAreTheConfiguredOnesForThoseWhoSeeCases() {
    for (Caller c : List.of(Caller.MANAGER, Caller.EXECUTIVE, Caller.ADMIN)) {
      as(c)
          .get()
          .uri("/api/v1/cases/root-causes")
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody(String[].class)
          .isEqualTo(caseProperties.rootCauses().toArray(String[]::new));
    }
    as(Caller.INGEST)
        .get()
        .uri("/api/v1/cases/root-causes")
        .exchange()
        .expectStatus()
        .isForbidden();
  }

  @Test
  void aPromoterWhoWroteIsThankedOnceAndCountedApart() {
    UUID praise = UUID.randomUUID();
    as(Caller.ADMIN)
        .post()
        .uri("/api/v1/feedback")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            ("{\"eventId\":\"%s\",\"dealerId\":\"CSD3\",\"stage\":\"HANDOVER\","
                    + "\"occurredAt\":\"%s\",\"scores\":{\"RECOMMEND\":10},"
                    + "\"comment\":\"Great handover, thanks Olga! +7 912 345-67-89\"}")
                .formatted(praise, clock.instant().minusSeconds(60).atOffset(ZoneOffset.UTC)))
        .exchange()
        .expectStatus()
        .is2xxSuccessful();
    UUID notPraise = ingest("CSD3", 8, 5, null, 30);

    String list =
        as(Caller.MANAGER)
            .get()
            .uri("/api/v1/dealers/CSD3/celebrations")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(list).contains(praise.toString(), "[phone]").doesNotContain("345-67-89");
    as(Caller.EXECUTIVE)
        .post()
        .uri("/api/v1/celebrations/" + praise + "/thank")
        .exchange()
        .expectStatus()
        .isForbidden();
    as(Caller.MANAGER)
        .post()
        .uri("/api/v1/celebrations/" + notPraise + "/thank")
        .exchange()
        .expectStatus()
        .isNotFound();
    for (int i = 0; i < 2; i++) {
      as(Caller.MANAGER)
          .post()
          .uri("/api/v1/celebrations/" + praise + "/thank")
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.thankedBy")
          .isEqualTo("mgr1");
    }
    CaseKpis k = kpis(Caller.MANAGER, "/api/v1/dealers/CSD3/cases/kpis?days=1");
    assertThat(k.celebrations()).isEqualTo(1);
    assertThat(k.thanked()).isEqualTo(1);
  }

  private CaseKpis kpis(Caller caller, String path) {
    return as(caller)
        .get()
        .uri(path)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(CaseKpis.class)
        .returnResult()
        .getResponseBody();
  }

  private AlertCase view(Caller caller, UUID id) {
    return Reads.alertCase(as(caller), id);
  }

  private @Nullable AlertCase post(
      Caller caller, UUID id, String action, @Nullable String body, int status) {
    var request =
        as(caller)
            .post()
            .uri("/api/v1/alerts/" + id + "/" + action)
            .contentType(MediaType.APPLICATION_JSON);
    var response = (body == null ? request : request.bodyValue(body)).exchange();
    response.expectStatus().isEqualTo(status);
    return status == 200
        ? response.expectBody(AlertCase.class).returnResult().getResponseBody()
        : null;
  }

  private UUID ingest(
      String dealer, int recommend, int speed, @Nullable String customer, int minutesAgo) {
    UUID id = UUID.randomUUID();
    as(Caller.ADMIN)
        .post()
        .uri("/api/v1/feedback")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"eventId\":\"%s\",\"dealerId\":\"%s\",\"stage\":\"SERVICE_VISIT\",\"occurredAt\":\"%s\",\"scores\":{\"RECOMMEND\":%d,\"SPEED\":%d}%s}"
                .formatted(
                    id,
                    dealer,
                    clock.instant().minus(Duration.ofMinutes(minutesAgo)).atOffset(ZoneOffset.UTC),
                    recommend,
                    speed,
                    customer == null ? "" : ",\"customerRef\":\"" + customer + "\""))
        .exchange()
        .expectStatus()
        .is2xxSuccessful();
    return id;
  }

  private WebTestClient as(Caller caller) {
    return caller.on(client, "case-ingest-key");
  }
}
