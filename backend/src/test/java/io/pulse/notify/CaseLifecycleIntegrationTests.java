package io.pulse.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import io.pulse.api.AlertCase;
import io.pulse.api.CaseKpis;
import io.pulse.support.Caller;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.OwnSmtp;
import io.pulse.support.Reads;
import io.pulse.support.TestNetwork;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The loop closed, end to end, with the background loops running on their own against a real SMTP
 * server: a detractor becomes a case, its manager gets one e-mail, assigns, calls and resolves it,
 * the customer answers again happier, and the dealer's KPIs show it.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(
    properties = {
      "pulse.security.users[0].username=admin",
      "pulse.security.users[0].password={noop}admin",
      "pulse.security.users[0].role=ADMIN",
      // A name of its own: subscriptions and their confirmation limits are per person, in the
      // database every test class of this JVM shares.
      "pulse.security.users[1].username=lc-mgr",
      "pulse.security.users[1].password={noop}pw",
      "pulse.security.users[1].role=DEALER_MANAGER",
      "pulse.security.users[1].dealers=LCD1",
      "pulse.notify.produce-period=1s",
      "pulse.notify.send-period=1s"
    })
class CaseLifecycleIntegrationTests {

  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  static final GreenMail SMTP = OwnSmtp.start();

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    OwnSmtp.register(registry, SMTP);
  }

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;

  @AfterAll
  void stopSmtp() {
    SMTP.stop();
  }

  @Test
  void aDetractorBecomesACaseThatIsMailedHandledAndMeasured() throws Exception {
    clock.set(NOW);
    TestNetwork.load(
        as(Caller.ADMIN),
        """
        {"brands":[{"id":"LCB1","name":"Brand"}],"regions":[{"id":"LCR1","name":"North"}],
         "dealers":[{"id":"LCD1","name":"Lifecycle Motors","brandId":"LCB1","regionId":"LCR1","timeZone":"UTC"}]}
        """);
    as(Caller.MANAGER)
        .put()
        .uri("/api/v1/me/notifications")
        .contentType(MediaType.APPLICATION_JSON)
        // Hot alerts only: the digest of the day would be one more e-mail.
        .bodyValue("{\"email\":\"anna@lifecycle.test\",\"dailyDigest\":false}")
        .exchange()
        .expectStatus()
        .isOk();
    // Anna opens the link of the confirmation e-mail; until then she would get nothing else.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !ConfirmationLinks.mailsTo(SMTP, "anna@lifecycle.test").isEmpty());
    ConfirmationLinks.open(client, ConfirmationLinks.latestToken(SMTP, "anna@lifecycle.test"), null)
        .expectStatus()
        .isOk();

    UUID detractor = ingest(2, 2, "Ждали два часа");

    await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo("anna@lifecycle.test").size() == 1);
    MimeMessage mail = mailsTo("anna@lifecycle.test").getFirst();
    assertThat(mail.getSubject()).isEqualTo("Pulse: unhappy customer — Lifecycle Motors");
    assertThat(mail.getContent().toString()).contains("Ждали два часа", "/dealers/LCD1");

    assertThat(view(detractor).alert().status().name()).isEqualTo("OPEN");
    act(detractor, "assign", "{\"assignee\":\"lc-mgr\"}");
    clock.advance(Duration.ofHours(3));
    act(detractor, "contact", "{\"note\":\"Reached on the phone\"}");
    clock.advance(Duration.ofHours(2));
    act(
        detractor,
        "resolve",
        "{\"note\":\"Service slot moved\",\"rootCause\":\"WAITING_TIME\",\"outcome\":\"RECOVERED\"}");

    clock.advance(Duration.ofDays(1));
    UUID again = ingest(10, 5, null);

    AlertCase c = view(detractor);
    assertThat(c.assignee()).isEqualTo("lc-mgr");
    assertThat(c.alert().status().name()).isEqualTo("RESOLVED");
    assertThat(c.history())
        .extracting(AlertCase.Step::action)
        .containsExactly("ASSIGNED", "CONTACTED", "RESOLVED");
    assertThat(c.laterAnswers())
        .singleElement()
        .satisfies(l -> {
          assertThat(l.eventId()).isEqualTo(again);
          assertThat(l.happier()).isTrue();
        });

    CaseKpis kpis =
        as(Caller.MANAGER)
            .get()
            .uri("/api/v1/dealers/LCD1/cases/kpis?days=7")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(CaseKpis.class)
            .returnResult()
            .getResponseBody();
    assertThat(kpis.cases()).isEqualTo(1);
    assertThat(kpis.contactedWithinSlaShare()).isEqualTo(1.0);
    assertThat(kpis.medianHoursToFirstContact()).isEqualTo(3.0);
    assertThat(kpis.medianHoursToResolution()).isEqualTo(5.0);
    assertThat(kpis.recoveredShare()).isEqualTo(1.0);
    // Passes kept running all along: still the one e-mail.
    assertThat(mailsTo("anna@lifecycle.test")).hasSize(1);
  }

  /** What {@code address} received besides its confirmation e-mail. */
  private List<MimeMessage> mailsTo(String address) {
    return ConfirmationLinks.mailsTo(SMTP, address).stream()
        .filter(m -> !ConfirmationLinks.isConfirmation(m))
        .toList();
  }

  private AlertCase view(UUID id) {
    return Reads.alertCase(as(Caller.MANAGER), id);
  }

  private void act(UUID id, String action, String body) {
    as(Caller.MANAGER)
        .post()
        .uri("/api/v1/alerts/" + id + "/" + action)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isOk();
  }

  private UUID ingest(int recommend, int speed, String comment) {
    UUID id = UUID.randomUUID();
    as(Caller.ADMIN)
        .post()
        .uri("/api/v1/feedback")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"eventId\":\"%s\",\"dealerId\":\"LCD1\",\"stage\":\"SERVICE_VISIT\",\"occurredAt\":\"%s\",\"scores\":{\"RECOMMEND\":%d,\"SPEED\":%d},\"customerRef\":\"c-77\"%s}"
                .formatted(
                    id,
                    clock.instant().minus(Duration.ofMinutes(10)).atOffset(ZoneOffset.UTC),
                    recommend,
                    speed,
                    comment == null ? "" : ",\"comment\":\"" + comment + "\""))
        .exchange()
        .expectStatus()
        .is2xxSuccessful();
    return id;
  }

  private WebTestClient as(Caller caller) {
    if (caller != Caller.MANAGER) {
      return caller.on(client, "none");
    }
    // Its own manager: the confirmation limits are per person, and the test JVM's one database
    // holds NotificationIntegrationTests' mgr1 too.
    return client
        .mutate()
        .defaultHeaders(h -> h.set("Authorization", Caller.basic("lc-mgr", "pw")))
        .build();
  }
}
