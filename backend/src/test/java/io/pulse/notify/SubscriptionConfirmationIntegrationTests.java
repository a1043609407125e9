package io.pulse.notify;

import static io.pulse.notify.ConfirmationLinks.isConfirmation;
import static io.pulse.notify.ConfirmationLinks.latestToken;
import static io.pulse.notify.ConfirmationLinks.mailsTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import io.pulse.api.Subscription;
import io.pulse.api.Subscription.AddressStatus;
import io.pulse.support.Caller;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.OwnSmtp;
import io.pulse.support.TestNetwork;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Double opt-in of notification addresses, against the real PostgreSQL and Redis and a real SMTP
 * server (GreenMail): an address someone typed gets its confirmation e-mail and nothing else until
 * the link in it is opened; the link works once, for the latest e-mail, within its validity; a
 * changed address starts over; a person cannot make Pulse mail an address over and over; the link
 * needs no sign-in but an address sending links that do not work is throttled; the token is stored
 * only as its hash. The producer and sender passes are run by the test, on its clock.
 *
 * <p>Every person here is this class's own: subscriptions, and the confirmation limits counted from
 * the outbox, are per person in the database all test classes of the JVM share. Its day is months
 * before theirs (and neither a Monday nor the 1st), and its managers take neither digests nor
 * summaries, so that none of their passes queues anything of this class's or the other way round.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(
    properties = {
      "pulse.security.users[0].username=admin",
      "pulse.security.users[0].password={noop}admin",
      "pulse.security.users[0].role=ADMIN",
      "pulse.security.users[1].username=cf-anna",
      "pulse.security.users[1].password={noop}pw",
      "pulse.security.users[1].role=DEALER_MANAGER",
      "pulse.security.users[1].dealers=CFD1",
      "pulse.security.users[2].username=cf-boris",
      "pulse.security.users[2].password={noop}pw",
      "pulse.security.users[2].role=DEALER_MANAGER",
      "pulse.security.users[2].dealers=CFD1",
      "pulse.security.users[3].username=cf-vera",
      "pulse.security.users[3].password={noop}pw",
      "pulse.security.users[3].role=DEALER_MANAGER",
      "pulse.security.users[3].dealers=CFD1",
      "pulse.security.users[4].username=cf-gleb",
      "pulse.security.users[4].password={noop}pw",
      "pulse.security.users[4].role=DEALER_MANAGER",
      "pulse.security.users[4].dealers=CFD1",
      "pulse.security.users[5].username=cf-dana",
      "pulse.security.users[5].password={noop}pw",
      "pulse.security.users[5].role=DEALER_MANAGER",
      "pulse.security.users[5].dealers=CFD1",
      "pulse.security.users[6].username=cf-exec",
      "pulse.security.users[6].password={noop}pw",
      "pulse.security.users[6].role=BRAND_EXECUTIVE",
      "pulse.security.users[6].brand=CFB1",
      "pulse.security.failed-confirmations-per-minute=5",
      // The test client stands for the UI, which forwards each browser's address.
      "pulse.security.forwarded.trusted-proxies=127.0.0.1,::1",
      // The test runs the passes itself.
      "pulse.notify.produce-period=1h",
      "pulse.notify.send-period=1h"
    })
class SubscriptionConfirmationIntegrationTests {

  /** A Wednesday, not the 1st: no summaries or monthly reports are due. */
  static final Instant NOW = Instant.parse("2026-06-03T09:00:00Z");

  static final GreenMail SMTP = OwnSmtp.start();

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    OwnSmtp.register(registry, SMTP);
  }

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @Autowired DatabaseClient db;
  @Autowired NotificationProducer producer;
  @Autowired NotificationLoops loops;
  @Autowired AddressConfirmations confirmations;

  /** A documentation address per opened link, so the per-address throttle is tried on its own. */
  private final AtomicInteger sources = new AtomicInteger();

  @BeforeAll
  void network() {
    clock.set(NOW);
    TestNetwork.load(
        client,
        """
        {"brands":[{"id":"CFB1","name":"Confirm brand"}],
         "regions":[{"id":"CFR1","name":"North"}],
         "dealers":[{"id":"CFD1","name":"Confirm Motors","brandId":"CFB1","regionId":"CFR1",
                     "timeZone":"UTC"}]}
        """);
  }

  @AfterAll
  void stopSmtp() {
    SMTP.stop();
  }

  @BeforeEach
  void resetClock() {
    clock.set(NOW);
  }

  @Test
  void anUnconfirmedAddressGetsOnlyItsConfirmationUntilTheLinkIsOpened() {
    // The status is the backend's to say: a client claiming it confirmed is not believed.
    Subscription pending =
        subscribe(
            "cf-anna",
            "{\"email\":\"anna@confirm.test\","
                + HOT_ALERTS_ONLY
                + ",\"addressStatus\":\"CONFIRMED\",\"confirmationSentAt\":null}");
    assertThat(pending.addressStatus()).isEqualTo(AddressStatus.PENDING);
    assertThat(pending.confirmationSentAt()).isEqualTo(NOW);
    assertThat(mine("cf-anna")).isEqualTo(pending);

    UUID alert = ingest(1);
    producer.produce(clock.instant()).block();
    assertThat(queued("HOT_ALERT", alert)).doesNotContain("cf-anna");
    send();

    List<MimeMessage> mails = mailsTo(SMTP, "anna@confirm.test");
    assertThat(mails).hasSize(1);
    assertThat(isConfirmation(mails.getFirst())).isTrue();
    assertThat(ConfirmationLinks.text(mails.getFirst()))
        .contains("http://localhost:8081/confirm-email?token=", "48 hours")
        .doesNotContain(MailTexts.CONFIRMATION_LINK);
    String token = latestToken(SMTP, "anna@confirm.test");
    // Only the token's SHA-256 is kept: nothing in the database holds the token itself.
    assertThat(column("cf-anna", "confirmation_hash")).isEqualTo(sha256(token));
    assertThat(rowsHolding(token)).isZero();

    open(token).expectStatus().isOk().expectBody().json("{\"email\":\"anna@confirm.test\"}");
    Subscription confirmed = mine("cf-anna");
    assertThat(confirmed.addressStatus()).isEqualTo(AddressStatus.CONFIRMED);
    assertThat(column("cf-anna", "confirmation_hash")).isNull();
    // The alert that came while the address waited is mailed now, within its SLA.
    producer.produce(clock.instant()).block();
    send();
    assertThat(queued("HOT_ALERT", alert)).contains("cf-anna");
    assertThat(mailsTo(SMTP, "anna@confirm.test"))
        .filteredOn(m -> isAbout(m, "HOT_ALERT", alert, "cf-anna"))
        .singleElement()
        .satisfies(
            m -> assertThat(m.getSubject()).isEqualTo("Pulse: unhappy customer — Confirm Motors"));

    // A link works once; the second time it changes nothing.
    String confirmedAt = column("cf-anna", "confirmed_at");
    open(token)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("token");
    assertThat(column("cf-anna", "confirmed_at")).isEqualTo(confirmedAt);
    assertThat(audited("cf-anna"))
        .containsExactly(
            "NOTIFICATIONS_CHANGED ok subscribed to hot alerts; confirmation e-mail sent",
            "NOTIFICATIONS_CONFIRMED ok e-mail address confirmed");
  }

  @Test
  void aLinkThatIsWrongReplacedOrExpiredConfirmsNothing() {
    subscribe("cf-boris", "{\"email\":\"boris@confirm.test\"," + HOT_ALERTS_ONLY + "}");
    send();
    String first = latestToken(SMTP, "boris@confirm.test");

    // A well-formed token nobody was sent, and something that is no token at all.
    open(ConfirmationToken.random().value())
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("token")
        .jsonPath("$.type")
        .isEqualTo("/problems/invalid-input");
    open("not-a-token").expectStatus().isBadRequest();
    StepVerifier.create(confirmations.confirm(ConfirmationToken.random(), clock.instant()))
        .verifyComplete();

    // A newer e-mail replaces the link of the one before.
    clock.advance(Duration.ofMinutes(3));
    Subscription again =
        resend("cf-boris")
            .expectStatus()
            .isOk()
            .expectBody(Subscription.class)
            .returnResult()
            .getResponseBody();
    assertThat(again.confirmationSentAt()).isEqualTo(clock.instant());
    send();
    String second = latestToken(SMTP, "boris@confirm.test");
    assertThat(second).isNotEqualTo(first);
    open(first).expectStatus().isBadRequest();
    assertThat(mine("cf-boris").addressStatus()).isEqualTo(AddressStatus.PENDING);

    // Past its validity (48 h from sending), the latest link does not work either.
    clock.advance(Duration.ofHours(48).plusMinutes(1));
    StepVerifier.create(confirmations.confirm(new ConfirmationToken(second), clock.instant()))
        .verifyComplete();
    open(second).expectStatus().isBadRequest();
    assertThat(mine("cf-boris").addressStatus()).isEqualTo(AddressStatus.PENDING);
    UUID alert = ingest(0);
    producer.produce(clock.instant()).block();
    send();
    assertThat(queued("HOT_ALERT", alert)).doesNotContain("cf-boris");
    assertThat(mailsTo(SMTP, "boris@confirm.test"))
        .hasSize(2)
        .allMatch(ConfirmationLinks::isConfirmation);

    // A fresh e-mail does.
    resend("cf-boris").expectStatus().isOk();
    send();
    open(latestToken(SMTP, "boris@confirm.test")).expectStatus().isOk();
    assertThat(mine("cf-boris").addressStatus()).isEqualTo(AddressStatus.CONFIRMED);
    // Confirmed, there is nothing to send again.
    resend("cf-boris").expectStatus().isEqualTo(409);
  }

  @Test
  void changingTheAddressStartsOverWhileResavingTheChoicesKeepsItConfirmed() {
    subscribe("cf-vera", "{\"email\":\"vera@confirm.test\"," + HOT_ALERTS_ONLY + "}");
    send();
    open(latestToken(SMTP, "vera@confirm.test")).expectStatus().isOk();

    Subscription resaved =
        subscribe(
            "cf-vera",
            "{\"email\":\"vera@confirm.test\",\"language\":\"ru\",\"hotAlerts\":true,"
                + "\"dailyDigest\":false,\"weeklySummary\":false,\"escalations\":true}");
    assertThat(resaved.addressStatus()).isEqualTo(AddressStatus.CONFIRMED);
    assertThat(resaved.language()).isEqualTo("ru");
    assertThat(confirmationsQueued("cf-vera")).isEqualTo(1);

    // A hot alert is queued for the confirmed address, and then the address changes.
    UUID alert = ingest(2);
    producer.hotAlerts(clock.instant()).block();
    assertThat(queued("HOT_ALERT", alert)).contains("cf-vera");
    clock.advance(Duration.ofMinutes(3));
    Subscription changed =
        subscribe("cf-vera", "{\"email\":\"vera.new@confirm.test\"," + HOT_ALERTS_ONLY + "}");
    assertThat(changed.addressStatus()).isEqualTo(AddressStatus.PENDING);
    send();
    // Queued for the old address, it went to neither: withdrawn.
    Map<String, Object> row =
        db.sql(
                "SELECT sent_at, given_up_at, last_error FROM notification_outbox"
                    + " WHERE kind = 'HOT_ALERT' AND subject_key = :k AND person = 'cf-vera'")
            .bind("k", alert.toString())
            .fetch()
            .one()
            .block();
    assertThat(row.get("sent_at")).isNull();
    assertThat(row.get("given_up_at")).isNotNull();
    assertThat(String.valueOf(row.get("last_error"))).startsWith("withdrawn");
    assertThat(mailsTo(SMTP, "vera@confirm.test")).allMatch(ConfirmationLinks::isConfirmation);
    assertThat(mailsTo(SMTP, "vera.new@confirm.test"))
        .singleElement()
        .matches(ConfirmationLinks::isConfirmation);

    // Changed again before its link was opened: that link confirms nothing now.
    String forTheSecond = latestToken(SMTP, "vera.new@confirm.test");
    clock.advance(Duration.ofMinutes(3));
    subscribe("cf-vera", "{\"email\":\"vera.third@confirm.test\"," + HOT_ALERTS_ONLY + "}");
    open(forTheSecond).expectStatus().isBadRequest();
    Subscription third = mine("cf-vera");
    assertThat(third.email()).isEqualTo("vera.third@confirm.test");
    assertThat(third.addressStatus()).isEqualTo(AddressStatus.PENDING);
    // Its own link, sent now, does.
    send();
    open(latestToken(SMTP, "vera.third@confirm.test")).expectStatus().isOk();
    assertThat(mine("cf-vera").addressStatus()).isEqualTo(AddressStatus.CONFIRMED);
  }

  @Test
  void aPersonCannotMakePulseMailAnAddressOverAndOver() {
    subscribe("cf-gleb", "{\"email\":\"gleb@confirm.test\"," + HOT_ALERTS_ONLY + "}");

    // Another address at once: refused, and nothing changed.
    put("cf-gleb", "{\"email\":\"stranger@confirm.test\"}")
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .valueEquals("Retry-After", "120")
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/too-many-requests");
    assertThat(mine("cf-gleb").email()).isEqualTo("gleb@confirm.test");
    resend("cf-gleb").expectStatus().isEqualTo(429);
    // The same address with other choices is no new e-mail, so it is not limited.
    put("cf-gleb", "{\"email\":\"gleb@confirm.test\",\"language\":\"ru\"}").expectStatus().isOk();

    // One every two minutes, five a day.
    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofMinutes(2));
      resend("cf-gleb").expectStatus().isOk();
    }
    clock.advance(Duration.ofMinutes(2));
    resend("cf-gleb")
        .expectStatus()
        .isEqualTo(429)
        // Until the first of the five is a day old: 24 h less the 10 minutes since.
        .expectHeader()
        .valueEquals(
            "Retry-After", Long.toString(Duration.ofHours(24).minusMinutes(10).toSeconds()));
    // Unsubscribing and subscribing again does not start the count over.
    as("cf-gleb").delete().uri("/api/v1/me/notifications").exchange().expectStatus().isNoContent();
    put("cf-gleb", "{\"email\":\"stranger@confirm.test\"}").expectStatus().isEqualTo(429);
    assertThat(mine("cf-gleb").email()).isNull();

    clock.set(NOW.plus(Duration.ofDays(1)).plusSeconds(1));
    assertThat(subscribe("cf-gleb", "{\"email\":\"stranger@confirm.test\"}").addressStatus())
        .isEqualTo(AddressStatus.PENDING);
    assertThat(confirmationsQueued("cf-gleb")).isEqualTo(6);
    // Those queued for the address given up are withdrawn: the stranger's comes alone.
    send();
    assertThat(mailsTo(SMTP, "gleb@confirm.test")).isEmpty();
    assertThat(mailsTo(SMTP, "stranger@confirm.test")).hasSize(1);
  }

  @Test
  void aPendingExecutiveGetsNoEscalationUntilConfirmed() {
    subscribe(
        "cf-exec",
        "{\"email\":\"exec@confirm.test\",\"hotAlerts\":false,\"dailyDigest\":false,"
            + "\"weeklySummary\":false,\"escalations\":true}");
    UUID alert = ingest(0);
    clock.advance(Duration.ofHours(25));
    producer.produce(clock.instant()).block();
    assertThat(queued("ESCALATION", alert)).doesNotContain("cf-exec");
    send();
    assertThat(mailsTo(SMTP, "exec@confirm.test"))
        .singleElement()
        .matches(ConfirmationLinks::isConfirmation);

    // Confirmed, the executive is escalated to like any other.
    open(latestToken(SMTP, "exec@confirm.test")).expectStatus().isOk();
    producer.produce(clock.instant()).block();
    assertThat(queued("ESCALATION", alert)).contains("cf-exec");
  }

  @Test
  void theLinkNeedsNoSignInButAnAddressSendingBadLinksIsThrottled() {
    subscribe("cf-dana", "{\"email\":\"dana@confirm.test\"," + HOT_ALERTS_ONLY + "}");
    send();
    String token = latestToken(SMTP, "dana@confirm.test");

    String guesser = "203.0.113.9";
    for (int i = 0; i < 5; i++) {
      open(ConfirmationToken.random().value(), guesser).expectStatus().isBadRequest();
    }
    open(ConfirmationToken.random().value(), guesser)
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .valueEquals("Retry-After", "60");
    // For the rest of the minute even a good link from there waits, and is not used up.
    open(token, guesser).expectStatus().isEqualTo(429);
    assertThat(mine("cf-dana").addressStatus()).isEqualTo(AddressStatus.PENDING);
    open(token).expectStatus().isOk();
    assertThat(mine("cf-dana").addressStatus()).isEqualTo(AddressStatus.CONFIRMED);
    List<String> refusals =
        db.sql(
                "SELECT outcome FROM audit_log WHERE action = 'NOTIFICATIONS_CONFIRMED'"
                    + " AND source = :s ORDER BY id")
            .bind("s", guesser)
            .map(r -> r.get("outcome", String.class))
            .all()
            .collectList()
            .block();
    assertThat(refusals).contains("failed", "denied").doesNotContain("ok");
  }

  // ------------------------------------------------------------------ helpers

  private static final String HOT_ALERTS_ONLY =
      "\"hotAlerts\":true,\"dailyDigest\":false,\"weeklySummary\":false,\"escalations\":false";

  private void send() {
    loops.sender().pass().block();
  }

  private WebTestClient.ResponseSpec open(String token) {
    return open(token, "198.51.100." + sources.incrementAndGet());
  }

  private WebTestClient.ResponseSpec open(String token, String source) {
    return ConfirmationLinks.open(client, token, source);
  }

  private Subscription subscribe(String person, String body) {
    return put(person, body)
        .expectStatus()
        .isOk()
        .expectBody(Subscription.class)
        .returnResult()
        .getResponseBody();
  }

  private WebTestClient.ResponseSpec put(String person, String body) {
    return as(person)
        .put()
        .uri("/api/v1/me/notifications")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  private WebTestClient.ResponseSpec resend(String person) {
    return as(person).post().uri("/api/v1/me/notifications/confirmation").exchange();
  }

  private Subscription mine(String person) {
    return as(person)
        .get()
        .uri("/api/v1/me/notifications")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(Subscription.class)
        .returnResult()
        .getResponseBody();
  }

  private WebTestClient as(String person) {
    return client
        .mutate()
        .defaultHeaders(h -> h.set("Authorization", Caller.basic(person, "pw")))
        .build();
  }

  private UUID ingest(int recommend) {
    UUID id = UUID.randomUUID();
    client
        .post()
        .uri("/api/v1/feedback")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            ("{\"eventId\":\"%s\",\"dealerId\":\"CFD1\",\"stage\":\"SERVICE_VISIT\","
                    + "\"occurredAt\":\"%s\",\"scores\":{\"RECOMMEND\":%d}}")
                .formatted(
                    id,
                    clock.instant().minus(Duration.ofMinutes(5)).atOffset(ZoneOffset.UTC),
                    recommend))
        .exchange()
        .expectStatus()
        .is2xxSuccessful();
    return id;
  }

  private List<String> queued(String kind, UUID event) {
    return db.sql(
            "SELECT person FROM notification_outbox WHERE kind = :kind AND subject_key = :k"
                + " ORDER BY person")
        .bind("kind", kind)
        .bind("k", event.toString())
        .map(r -> r.get("person", String.class))
        .all()
        .collectList()
        .block();
  }

  /** Whether {@code m} is the outbox's e-mail of this kind, event and person (by its id header). */
  private boolean isAbout(MimeMessage m, String kind, UUID event, String person) {
    Long id =
        db.sql(
                "SELECT id FROM notification_outbox WHERE kind = :kind AND subject_key = :k"
                    + " AND person = :p")
            .bind("kind", kind)
            .bind("k", event.toString())
            .bind("p", person)
            .map(r -> r.get("id", Long.class))
            .one()
            .block();
    try {
      String[] header = m.getHeader("X-Pulse-Notification");
      return id != null && header != null && header[0].equals(id.toString());
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private long confirmationsQueued(String person) {
    return db.sql(
            "SELECT count(*) AS n FROM notification_outbox"
                + " WHERE kind = 'CONFIRMATION' AND person = :p")
        .bind("p", person)
        .map(r -> r.get("n", Long.class))
        .one()
        .block();
  }

  /** A column of the person's subscriber row, as text (null when NULL). */
  private String column(String person, String column) {
    return db.sql("SELECT " + column + "::text AS v FROM notification_subscriber WHERE person = :p")
        .bind("p", person)
        .map(r -> java.util.Optional.ofNullable(r.get("v", String.class)))
        .one()
        .block()
        .orElse(null);
  }

  /** Rows of the subscribers, the outbox and the audit log whose text holds {@code s}. */
  private long rowsHolding(String s) {
    return db.sql(
            """
            SELECT (SELECT count(*) FROM notification_subscriber t WHERE strpos(t::text, :s) > 0)
                 + (SELECT count(*) FROM notification_outbox t WHERE strpos(t::text, :s) > 0)
                 + (SELECT count(*) FROM audit_log t WHERE strpos(t::text, :s) > 0) AS n
            """)
        .bind("s", s)
        .map(r -> r.get("n", Long.class))
        .one()
        .block();
  }

  /** The person's audit rows of their notifications: action, outcome and detail. */
  private List<String> audited(String person) {
    return db.sql(
            "SELECT action || ' ' || outcome || ' ' || detail AS line FROM audit_log"
                + " WHERE actor = :p AND action LIKE 'NOTIFICATIONS%' ORDER BY id")
        .bind("p", person)
        .map(r -> r.get("line", String.class))
        .all()
        .collectList()
        .block();
  }

  private static String sha256(String token) throws IllegalStateException {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
