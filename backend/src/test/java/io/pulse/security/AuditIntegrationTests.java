package io.pulse.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.support.Caller;
import io.pulse.support.Events;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every kind of state change and every kind of refusal at the trust boundary leaves a row in the
 * audit log, with who, from where and how it ended; {@code GET /api/v1/admin/audit} pages the rows
 * and verifies the chain.
 */
@IntegrationTest
@TestPropertySource(
    properties = {
      "pulse.security.users[0].username=admin",
      "pulse.security.users[0].password={noop}admin",
      "pulse.security.users[0].role=ADMIN",
      "pulse.security.users[1].username=mgr1",
      "pulse.security.users[1].password={noop}pw",
      "pulse.security.users[1].role=DEALER_MANAGER",
      "pulse.security.users[1].dealers=AUDD1",
      "pulse.security.ingest-keys[0].name=audit-test",
      "pulse.security.ingest-keys[0].key=audit-test-ingest-key"
    })
class AuditIntegrationTests {

  /** The page the audit endpoint answers. */
  record Page(List<Row> entries, @Nullable Long nextBefore, Chain chain) {}

  record Row(
      long id,
      String actor,
      String action,
      @Nullable String detail,
      @Nullable String source,
      String outcome,
      String hash) {}

  record Chain(boolean verified, long checked, @Nullable Long firstBrokenId) {}

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @LocalServerPort int port;

  private WebTestClient as(Map<String, String> headers) {
    WebTestClient.Builder b = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port);
    headers.forEach(b::defaultHeader);
    return b.build();
  }

  private WebTestClient withKey(String key) {
    return as(Map.of("X-Api-Key", key));
  }

  private Page page(String query) {
    return client
        .get()
        .uri("/api/v1/admin/audit" + query)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(Page.class)
        .returnResult()
        .getResponseBody();
  }

  private static void assertRow(
      List<Row> rows, String actor, String action, String outcome, @Nullable String detailPart) {
    assertThat(rows)
        .as("%s %s %s %s", actor, action, outcome, detailPart)
        .anySatisfy(r -> {
          assertThat(r.actor()).isEqualTo(actor);
          assertThat(r.action()).isEqualTo(action);
          assertThat(r.outcome()).isEqualTo(outcome);
          assertThat(r.source()).isEqualTo("127.0.0.1");
          assertThat(r.hash()).hasSize(64);
          if (detailPart != null) {
            assertThat(r.detail()).contains(detailPart);
          }
        });
  }

  @Test
  void everyChangeAndEveryRefusalIsAuditedWithActorSourceAndOutcome() {
    Instant now = Instant.parse("2026-12-07T10:00:30Z");
    clock.set(now);
    WebTestClient ingest = withKey("audit-test-ingest-key");
    // Reference data, by an ingest key.
    ingest
        .post()
        .uri("/api/v1/network/import")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            """
            {"brands":[{"id":"AUDB1","name":"Brand one"},{"id":"AUDB2","name":"Brand two"}],
             "regions":[{"id":"AUDR","name":"Region"}],
             "dealers":[
               {"id":"AUDD1","name":"Mine","brandId":"AUDB1","regionId":"AUDR","timeZone":"Europe/Moscow"},
               {"id":"AUDD2","name":"Other","brandId":"AUDB2","regionId":"AUDR","timeZone":"Europe/Moscow"}]}
            """)
        .exchange()
        .expectStatus()
        .isOk();
    // An upsert, by an admin.
    client
        .put()
        .uri("/api/v1/dealers/AUDD1")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"name\":\"Renamed\",\"brandId\":\"AUDB1\",\"regionId\":\"AUDR\","
                + "\"timeZone\":\"Europe/Moscow\"}")
        .exchange()
        .expectStatus()
        .isOk();
    // Keys: one created and revoked, one scoped to brand one that tries brand two's dealer
    // (refused by the handler, not by the role gate).
    String created =
        client
            .post()
            .uri("/api/v1/admin/api-keys")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                "{\"name\":\"audited\",\"brands\":[\"AUDB1\"],\"capabilities\":[\"NETWORK\"]}")
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    String keyId = created.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    String scopedKey = created.replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
    withKey(scopedKey)
        .put()
        .uri("/api/v1/dealers/AUDD2")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"name\":\"Taken\",\"brandId\":\"AUDB1\",\"regionId\":\"AUDR\","
                + "\"timeZone\":\"Europe/Moscow\"}")
        .exchange()
        .expectStatus()
        .isForbidden();
    client.delete().uri("/api/v1/admin/api-keys/" + keyId).exchange().expectStatus().isNoContent();
    // An alert acknowledged.
    UUID detractor = UUID.randomUUID();
    ingest
        .post()
        .uri("/api/v1/feedback")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Events.event(detractor, "AUDD1", now, Map.of("RECOMMEND", 2)))
        .exchange()
        .expectStatus()
        .isAccepted();
    as(Caller.MANAGER.headers(""))
        .post()
        .uri("/api/v1/alerts/" + detractor + "/acknowledge")
        .exchange()
        .expectStatus()
        .isOk();
    // A rebuild (after the feedback: while one runs, ingest is queued).
    client.post().uri("/api/v1/admin/rebuild").exchange().expectStatus().isAccepted();
    // Sign-ins: one failed, one fine; a denial by the role gate; an unknown key.
    as(Map.of("Authorization", Caller.basic("mgr1", "wrong")))
        .get()
        .uri("/api/v1/me")
        .exchange()
        .expectStatus()
        .isUnauthorized();
    as(Caller.MANAGER.headers("")).get().uri("/api/v1/me").exchange().expectStatus().isOk();
    as(Caller.MANAGER.headers(""))
        .get()
        .uri("/api/v1/admin/api-keys")
        .exchange()
        .expectStatus()
        .isForbidden();
    withKey("pk_" + "x".repeat(43))
        .post()
        .uri("/api/v1/feedback")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isUnauthorized();

    Page page = page("?limit=1000");
    List<Row> rows = page.entries();
    assertRow(rows, "key:audit-test", "NETWORK_IMPORT", "ok", "CREATED");
    assertRow(rows, "admin", "DEALER_UPSERT", "ok", "AUDD1 UPDATED");
    assertRow(rows, "admin", "API_KEY_CREATED", "ok", keyId);
    assertRow(rows, "admin", "API_KEY_REVOKED", "ok", keyId);
    assertRow(rows, "key:audited", "ACCESS", "denied", "PUT /api/v1/dealers/AUDD2");
    assertRow(rows, "admin", "REBUILD", "ok", null);
    assertRow(rows, "mgr1", "ALERT_ACKNOWLEDGED", "ok", detractor.toString());
    assertRow(rows, "mgr1", "SIGN_IN", "failed", "bad credentials");
    assertRow(rows, "mgr1", "SIGN_IN", "ok", null);
    assertRow(rows, "mgr1", "ACCESS", "denied", "GET /api/v1/admin/api-keys");
    assertRow(rows, "anonymous", "API_KEY", "failed", "unknown");
    assertThat(page.chain().verified()).isTrue();
    assertThat(page.chain().firstBrokenId()).isNull();
    assertThat(page.chain().checked()).isGreaterThanOrEqualTo(rows.size());
    // Newest first.
    assertThat(rows).extracting(Row::id).isSortedAccordingTo((a, b) -> Long.compare(b, a));
  }

  @Test
  void pagesGoBackByIdAndOnlyAdminsReadThem() {
    client.post().uri("/api/v1/admin/rebuild").exchange().expectStatus().isAccepted();
    client.post().uri("/api/v1/admin/rebuild").exchange().expectStatus().isAccepted();
    client.post().uri("/api/v1/admin/rebuild").exchange().expectStatus().isAccepted();
    Page first = page("?limit=2");
    assertThat(first.entries()).hasSize(2);
    assertThat(first.nextBefore()).isEqualTo(first.entries().getLast().id());
    Page second = page("?limit=2&before=" + first.nextBefore());
    assertThat(second.entries()).isNotEmpty();
    assertThat(second.entries()).allSatisfy(r -> assertThat(r.id()).isLessThan(first.nextBefore()));
    assertThat(second.chain().verified()).isTrue();

    client.get().uri("/api/v1/admin/audit?before=0").exchange().expectStatus().isBadRequest();
    as(Caller.MANAGER.headers(""))
        .get()
        .uri("/api/v1/admin/audit")
        .exchange()
        .expectStatus()
        .isForbidden();
  }
}
