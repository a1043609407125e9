package io.pulse.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.pulse.support.Caller;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.OwnSmtp;
import io.pulse.support.TestNetwork;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;

/**
 * E-mail notifications end to end against the real PostgreSQL and a real SMTP server (GreenMail, in
 * this JVM on a port of its own): who subscribes, what is queued when, that each e-mail goes once,
 * and what happens while the SMTP server is away. The producer and sender passes are run by the
 * test, on its clock.
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
      "pulse.security.users[1].brand=NTB1",
      "pulse.security.users[2].username=mgr1",
      "pulse.security.users[2].password={noop}pw",
      "pulse.security.users[2].role=DEALER_MANAGER",
      "pulse.security.users[2].dealers=NTD1,NTD2",
      "pulse.security.users[3].username=mgr2",
      "pulse.security.users[3].password={noop}pw",
      "pulse.security.users[3].role=DEALER_MANAGER",
      "pulse.security.users[3].dealers=NTD3",
      "pulse.security.ingest-keys[0].name=test",
      "pulse.security.ingest-keys[0].key=notify-ingest-key",
      // The test runs the passes itself.
      "pulse.notify.produce-period=1h",
      "pulse.notify.send-period=1h",
      "pulse.notify.first-retry=1m",
      "pulse.notify.max-attempts=3"
    })
class NotificationIntegrationTests {

  // 07:30 UTC: after the day's digest time.
  static final Instant NOW = Instant.parse("2026-11-23T07:30:00Z");
  static final GreenMail SMTP = OwnSmtp.start();

  static GreenMail smtp = SMTP;

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    OwnSmtp.register(registry, SMTP);
  }

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @Autowired DatabaseClient db;
  @Autowired NotificationProducer producer;
  @Autowired NotificationLoops loops;

  @BeforeAll
  void network() {
    clock.set(NOW);
    TestNetwork.load(
        client,
        """
        {"brands":[{"id":"NTB1","name":"Brand one"}],
         "regions":[{"id":"NTR1","name":"North"}],
         "dealers":[
           {"id":"NTD1","name":"First <Ford>","brandId":"NTB1","regionId":"NTR1","timeZone":"UTC"},
           {"id":"NTD2","name":"Second","brandId":"NTB1","regionId":"NTR1","timeZone":"UTC"},
           {"id":"NTD3","name":"Third","brandId":"NTB1","regionId":"NTR1","timeZone":"UTC"}]}
        """);
    subscribe(
        Caller.MANAGER,
        "{\"email\":\"mgr1@example.test\",\"language\":\"ru\","
            + "\"hotAlerts\":true,\"dailyDigest\":true,\"weeklySummary\":false,\"escalations\":false}");
    subscribe(
        Caller.EXECUTIVE,
        "{\"email\":\"exec1@example.test\",\"hotAlerts\":false,"
            + "\"dailyDigest\":false,\"weeklySummary\":true,\"escalations\":true}");
    // Both addresses are confirmed as their readers would: nothing else is sent to them before.
    loops.sender().pass().block();
    for (String address : List.of("mgr1@example.test", "exec1@example.test")) {
      ConfirmationLinks.open(client, ConfirmationLinks.latestToken(smtp, address), null)
          .expectStatus()
          .isOk();
    }
  }

  @AfterAll
  void stopSmtp() {
    smtp.stop();
  }

  @BeforeEach
  void resetClock() {
    clock.set(NOW);
  }

  @Test
  void aSubscriptionIsThePersonsOwnAndValidated() {
    client
        .mutate()
        .defaultHeaders(h -> h.set("Authorization", Caller.basic("mgr1", "pw")))
        .build()
        .get()
        .uri("/api/v1/me/notifications")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .json(
            "{\"email\":\"mgr1@example.test\",\"language\":\"ru\",\"hotAlerts\":true,"
                + "\"addressStatus\":\"CONFIRMED\"}");
    for (String bad :
        List.of(
            "{\"email\":\"nobody\"}",
            "{\"email\":\"a@b.test\\r\\nBcc: x@evil.test\"}",
            "{\"email\":\"" + "a".repeat(320) + "@b.test\"}")) {
      as(Caller.MANAGER)
          .put()
          .uri("/api/v1/me/notifications")
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(bad)
          .exchange()
          .expectStatus()
          .isBadRequest()
          .expectBody()
          .jsonPath("$.errors[0].field")
          .isEqualTo("email");
    }
    as(Caller.MANAGER)
        .put()
        .uri("/api/v1/me/notifications")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"email\":\"a@b.test\",\"language\":\"de\"}")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("language");
    as(Caller.INGEST).get().uri("/api/v1/me/notifications").exchange().expectStatus().isForbidden();
    as(Caller.ANONYMOUS)
        .get()
        .uri("/api/v1/me/notifications")
        .exchange()
        .expectStatus()
        .isUnauthorized();
    // The refused changes changed nothing.
    assertThat(
            db.sql("SELECT email FROM notification_subscriber WHERE person = 'mgr1'")
                .map(r -> r.get("email", String.class))
                .one()
                .block())
        .isEqualTo("mgr1@example.test");
  }

  @Test
  void aHotAlertIsMailedOnceToTheDealersManagerInTheirLanguage() throws Exception {
    UUID id = ingest("NTD1", 2, "Перезвоните: +7 912 345-67-89");

    produceAndSend();
    produceAndSend();

    List<MimeMessage> mails = mailsAbout(id);
    assertThat(mails).hasSize(1);
    MimeMessage mail = mails.getFirst();
    assertThat(mail.getRecipients(Message.RecipientType.TO))
        .extracting(Object::toString)
        .containsExactly("mgr1@example.test");
    assertThat(mail.getRecipients(Message.RecipientType.BCC)).isNull();
    assertThat(mail.getSubject()).isEqualTo("Pulse: недовольный клиент — First <Ford>");
    String body = mail.getContent().toString();
    assertThat(body)
        .startsWith("Недовольный клиент у дилера First <Ford>: свяжитесь с ним в течение суток.")
        .contains("критик", "[phone]", "http://localhost:8081/dealers/NTD1")
        .doesNotContain("345-67-89");
  }

  @Test
  void anAnswerFromThePastRaisesNoHotAlertMail() {
    UUID old = UUID.randomUUID();
    client
        .post()
        .uri("/api/v1/feedback")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            ("{\"eventId\":\"%s\",\"dealerId\":\"NTD1\",\"stage\":\"SERVICE_VISIT\","
                    + "\"occurredAt\":\"%s\",\"scores\":{\"RECOMMEND\":1}}")
                .formatted(old, clock.instant().minus(Duration.ofDays(3)).atOffset(ZoneOffset.UTC)))
        .exchange()
        .expectStatus()
        .is2xxSuccessful();
    producer.hotAlerts(clock.instant()).block();
    assertThat(queued("HOT_ALERT", old.toString())).isEmpty();
  }

  @Test
  void anEmailThatCannotBeSentIsTriedAgainLaterAndGoesOnce() throws Exception {
    UUID id = ingest("NTD2", 1, null);
    producer.produce(clock.instant()).block();
    int port = SMTP.getSmtp().getPort();
    smtp.stop();

    StepVerifier.create(loops.sender().pass()).expectError(IllegalStateException.class).verify();
    Map<String, Object> row =
        db.sql(
                "SELECT attempts, last_error, next_attempt_at, sent_at FROM notification_outbox"
                    + " WHERE subject_key = :k")
            .bind("k", id.toString())
            .fetch()
            .one()
            .block();
    assertThat(row.get("attempts")).isEqualTo(1);
    assertThat(row.get("last_error")).isNotNull();
    assertThat(row.get("sent_at")).isNull();
    // Not due again before its first retry, a minute on.
    StepVerifier.create(loops.sender().pass()).expectNext(0).verifyComplete();

    smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    clock.advance(Duration.ofSeconds(61));
    StepVerifier.create(loops.sender().pass()).expectNextMatches(n -> n >= 1).verifyComplete();
    StepVerifier.create(loops.sender().pass()).expectNext(0).verifyComplete();
    assertThat(mailsAbout(id)).hasSize(1);
  }

  @Test
  void anAlertLeftOpenPastTheSlaIsEscalatedOnceToTheBrandsExecutives() throws Exception {
    UUID open = ingest("NTD3", 0, null);
    UUID resolved = ingest("NTD3", 1, null);
    as(Caller.ADMIN)
        .post()
        .uri("/api/v1/alerts/" + resolved + "/resolve")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"note\":\"called back\"}")
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(producer.escalations(clock.instant()).block()).isZero();

    clock.advance(Duration.ofHours(25));
    produceAndSend();
    produceAndSend();

    assertThat(queued("ESCALATION", open.toString())).containsExactly("exec1");
    assertThat(queued("ESCALATION", resolved.toString())).isEmpty();
    List<MimeMessage> mails = mailsAbout(open);
    assertThat(mails).hasSize(1);
    assertThat(mails.getFirst().getSubject()).isEqualTo("Pulse: overdue alert — Third");
    // mgr2 never subscribed: no hot alert for NTD3 went anywhere.
    assertThat(queued("HOT_ALERT", open.toString())).isEmpty();
  }

  @Test
  void eachManagerGetsOneDigestPerDealerAndDayFromTheDigestTime() {
    clock.set(Instant.parse("2026-11-24T06:59:00Z"));
    assertThat(producer.digests(clock.instant()).block()).isZero();

    clock.set(Instant.parse("2026-11-24T07:01:00Z"));
    assertThat(producer.digests(clock.instant()).block()).isEqualTo(2);
    assertThat(producer.digests(clock.instant()).block()).isZero();
    assertThat(queued("DAILY_DIGEST", "NTD1:2026-11-24")).containsExactly("mgr1");
    assertThat(queued("DAILY_DIGEST", "NTD2:2026-11-24")).containsExactly("mgr1");
    assertThat(queued("DAILY_DIGEST", "NTD3:2026-11-24")).isEmpty();
    // 2026-11-23 is a Monday, the summary day: the executive's week, once.
    clock.set(NOW);
    assertThat(producer.summaries(clock.instant()).block()).isEqualTo(1);
    assertThat(producer.summaries(clock.instant()).block()).isZero();
    assertThat(queued("WEEKLY_SUMMARY", "NTB1:2026-11-23")).containsExactly("exec1");
  }

  @Test
  void theFirstOfAMonthBringsEachExecutiveTheBrandsMonthAsAFile() throws Exception {
    ingest("NTD2", 10, null);
    clock.set(Instant.parse("2026-12-01T06:00:00Z"));
    assertThat(producer.monthlyReports(clock.instant()).block()).isZero();
    clock.set(Instant.parse("2026-12-01T07:10:00Z"));
    assertThat(producer.monthlyReports(clock.instant()).block()).isEqualTo(1);
    assertThat(producer.monthlyReports(clock.instant()).block()).isZero();
    assertThat(queued("MONTHLY_REPORT", "NTB1:2026-11")).containsExactly("exec1");

    loops.sender().pass().block();

    MimeMessage mail =
        Arrays.stream(smtp.getReceivedMessages())
            .filter(m -> {
              try {
                return m.getSubject().equals("Pulse: monthly report — Brand one 2026-11");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
            .findFirst()
            .orElseThrow();
    MimeMultipart parts = (MimeMultipart) mail.getContent();
    byte[] file = null;
    for (int i = 0; i < parts.getCount(); i++) {
      if ("pulse-NTB1-2026-11.xlsx".equals(parts.getBodyPart(i).getFileName())) {
        file = parts.getBodyPart(i).getInputStream().readAllBytes();
      }
    }
    assertThat(file).isNotNull();
    try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(file))) {
      Sheet sheet = workbook.getSheetAt(0);
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("dealerId");
      // The brand's three dealers, each a row, with November's answers as numbers.
      assertThat(sheet.getLastRowNum()).isEqualTo(3);
      double answers = 0;
      for (int r = 1; r <= 3; r++) {
        answers += sheet.getRow(r).getCell(3).getNumericCellValue();
      }
      assertThat(answers).isGreaterThanOrEqualTo(1);
    }
  }

  private void produceAndSend() {
    producer.produce(clock.instant()).block();
    loops.sender().pass().block();
  }

  private List<String> queued(String kind, String subjectKey) {
    return db.sql(
            "SELECT person FROM notification_outbox WHERE kind = :kind AND subject_key = :k"
                + " ORDER BY person")
        .bind("kind", kind)
        .bind("k", subjectKey)
        .map(r -> r.get("person", String.class))
        .all()
        .collectList()
        .block();
  }

  /** Every e-mail received about the alert of {@code eventId}, by its outbox id header. */
  private List<MimeMessage> mailsAbout(UUID eventId) throws Exception {
    List<Long> ids =
        db.sql("SELECT id FROM notification_outbox WHERE subject_key = :k")
            .bind("k", eventId.toString())
            .map(r -> r.get("id", Long.class))
            .all()
            .collectList()
            .block();
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> {
          try {
            String[] h = m.getHeader("X-Pulse-Notification");
            return h != null && ids.contains(Long.parseLong(h[0]));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        })
        .toList();
  }

  private UUID ingest(String dealer, int recommend, String comment) {
    UUID id = UUID.randomUUID();
    String event =
        "{\"eventId\":\"%s\",\"dealerId\":\"%s\",\"stage\":\"SERVICE_VISIT\",\"occurredAt\":\"%s\",\"scores\":{\"RECOMMEND\":%d}%s}"
            .formatted(
                id,
                dealer,
                clock.instant().minus(Duration.ofMinutes(5)).atOffset(ZoneOffset.UTC),
                recommend,
                comment == null ? "" : ",\"comment\":\"" + comment + "\"");
    client
        .post()
        .uri("/api/v1/feedback")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(event)
        .exchange()
        .expectStatus()
        .is2xxSuccessful();
    return id;
  }

  private void subscribe(Caller caller, String body) {
    as(caller)
        .put()
        .uri("/api/v1/me/notifications")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isOk();
  }

  private WebTestClient as(Caller caller) {
    return caller.on(client, "notify-ingest-key");
  }
}
